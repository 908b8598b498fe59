/**
 * Arithmetic checks of a statistics table against its template's rules. Pure: statistics in,
 * findings out. A rule printed on the form (表三's 一 + 二 = （七）总计 + 四) is an error when
 * violated; a rule derived from the rows' meaning is a warning (published reports contain blanks
 * and rounding); --strict makes warnings errors. Empty cells make a table incomplete (a warning).
 */
import type { Finding } from '../model/errors.js';
import { isSumRecord, type StatisticsTable, type StatRule } from '../model/types.js';
import { formCovers } from '../read/templates.js';

const MINUS = '\u2212';
const fmt = (n: number) => String(Math.round(n * 100) / 100).replace('-', MINUS);
const sumOf = (stats: StatisticsTable, keys: string[]) => keys.reduce((s, k) => s + stats.values[k], 0);

/**
 * One rule over the figures: undefined where it holds or a cell of it is empty (the table is then
 * reported as incomplete). Labels are the template's as they are ("表三 三（三）申请答复数 / 总计").
 */
export function checkRule(stats: StatisticsTable, rule: StatRule): Finding | undefined {
  const { values, template } = stats;
  const keys = [...rule.parts, ...rule.totals];
  const label = (k: string) => template.cells.get(k)?.label ?? k;
  if (keys.some((k) => values[k] === undefined)) {
    // incomplete: reported separately — unless the parts given already pass the total, which no
    // figure in the empty cells can mend (10 received, 50 of them online, the rest blank: a
    // statistics audit); counts and amounts only, no 本年增/减 that may be negative
    const total = rule.totals[0]!;
    const given = rule.parts.filter((k) => values[k] !== undefined);
    if (rule.kind === 'lte' || rule.totals.length !== 1 || values[total] === undefined || keys.some((k) => template.cells.get(k)?.signed)) return undefined;
    const s = sumOf(stats, given);
    if (s <= values[total]! + 1e-9) return undefined;
    const at = stats.cells?.[total] ? ` (${stats.cells[total]})` : '';
    return {
      severity: 'warning', loc: { file: stats.file, line: stats.lines[total] ?? stats.lines[given[0]!] },
      message: `${label(total)}${at}: ${given.length === 1 ? `its part ${label(given[0]!)} is` : `${given.length} of its ${rule.parts.length} parts add up to`} ${fmt(s)}, more than the total, ${fmt(values[total]!)}, with ${rule.parts.length - given.length} left empty`,
      hint: 'correct the total, or the part that is wrong',
    };
  }
  const sum = (ks: string[]) => sumOf(stats, ks);
  // (a 其中 row over its parent: at the 其中 row's line, the figure the message names first)
  const line = rule.kind === 'lte' ? stats.lines[rule.parts[0]] ?? stats.lines[rule.totals[0]] : stats.lines[rule.totals[0]] ?? stats.lines[rule.parts[0]];
  const severity = rule.status === 'printed' ? 'error' : 'warning';
  const loc = { file: stats.file, line };
  // (a workbook's figures have no line: its cell, 表三!J27, says where)
  const cellOf = (k: string) => (stats.cells?.[k] ? ` (${stats.cells[k]})` : '');
  if (rule.kind === 'lte') {
    const [p, w] = [values[rule.parts[0]], values[rule.totals[0]]];
    if (p <= w) return undefined;
    return { severity, loc, message: `${label(rule.parts[0])}${cellOf(rule.parts[0])}: ${fmt(p)} is more than its parent ${label(rule.totals[0])}${cellOf(rule.totals[0])} (${fmt(w)})`, hint: 'a 其中 row cannot exceed the row it belongs to' };
  }
  const [s, t] = [sum(rule.parts), sum(rule.totals)];
  if (Math.abs(s - t) < 1e-9) return undefined;
  if (rule.totals.length === 1) {
    return {
      severity, loc,
      // (in words: "(−1)", the parts less the total, read either way, a 2014-form trial)
      message: `${label(rule.totals[0])}${cellOf(rule.totals[0])}: its ${rule.parts.length} parts add up to ${fmt(s)}, the total says ${fmt(t)} (the parts ${fmt(Math.abs(s - t))} ${s < t ? 'short' : 'over'})`,
      hint: `correct the total, or the part that is wrong`,
    };
  }
  const side = (ks: string[]) => ks.map(label).join(' + ');
  // (the figures' lines, or cells: any of them may be the one that is wrong, not only the line of the first total)
  const lines = [...new Set(keys.map((k) => stats.lines[k]).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
  const cells = keys.map((k) => stats.cells?.[k]).filter((c): c is string => c !== undefined);
  const where = lines.length > 1 ? `; its figures are at lines ${lines.join(', ')}` : cells.length > 1 ? `; its figures are at ${cells.join(', ')}` : '';
  return {
    severity, loc,
    // (the difference in words, as a total's is: a sign read either way, a review)
    message: `${side(rule.parts)} = ${fmt(s)}, but ${side(rule.totals)} = ${fmt(t)} (a difference of ${fmt(Math.abs(s - t))})`,
    hint: rule.status === 'printed'
      ? `find the figure that is wrong: this rule is printed on the form, and a figure that does not match its row's or column's total is listed as a warning${where}`
      : `find the figure that is wrong${where}`,
  };
}

/** The template's sum rules the figures break, each failed rule pointed at its likely figure where one can be told. */
export function checkRules(stats: StatisticsTable): Finding[] {
  const findings: Finding[] = [];
  const failed: { rule: StatRule; finding: Finding }[] = [];
  for (const rule of stats.template.rules) {
    const f = checkRule(stats, rule);
    if (f) {
      findings.push(f);
      failed.push({ rule, finding: f });
    }
  }
  pointAtSuspects(stats, failed);
  pointAtSwaps(stats, failed);
  // (a workbook's figure typed as text, "２３", where the sheet sums with formulas: its =SUM left it
  // out of the total the clerk saw, where gongwen reads it — the parts "23 over", a 2019-form trial)
  for (const { rule, finding } of failed) {
    const textual = [...rule.parts, ...rule.totals].filter((k) => stats.asText?.[k] !== undefined);
    if (textual.length) finding.hint += `; ${textual.map((k) => `${stats.cells?.[k] ?? k} holds its figure as text, "${stats.asText![k]}"`).join(', ')}, which a formula of the sheet (=SUM) leaves out: type it as a number`;
  }
  return findings;
}

/** The largest amount in 万元 a unit's own form is taken to hold: 1亿元 (a county's whole 专项经费 is tens of 万元). */
const MOST_WAN_YUAN = 10_000;

export function checkStatistics(stats: StatisticsTable): Finding[] {
  const findings = checkRules(stats);
  // an amount in 元 typed into a cell in 万元 (专项经费 35000: printed 35000 万元, 3.5亿元, a
  // 2014-form trial): the 2014 form's fees and budget of the disclosure work itself, not the 2019
  // and 2021 forms' 行政事业性收费 and 政府采购 of a whole government, which run to 亿元 (a
  // review); nor in a sum of units (a province's may be that large)
  if (stats.template.id === 'gov-2014' && !isSumRecord(stats.sumRecord)) {
    for (const c of stats.template.cells.values()) {
      const v = stats.values[c.key];
      if (c.unit !== '万元' || v === undefined || Math.abs(v) < MOST_WAN_YUAN) continue;
      findings.push({
        severity: 'warning', loc: { file: stats.file, ...(stats.lines[c.key] !== undefined ? { line: stats.lines[c.key] } : {}) },
        message: `${c.label}: ${v} 万元 is ${v / 10_000} 亿元 — an amount in 元 written where the form asks for 万元?`,
        hint: `write it in 万元 (${v} 元 is ${v / 10_000} 万元), or leave it if it is ${v / 10_000} 亿元`,
      });
    }
  }
  for (const t of stats.template.tables) {
    const empty = t.cells.filter((c) => stats.values[c.key] === undefined);
    if (!empty.length) continue;
    const name = t.id === 'main' ? stats.template.title : t.title;
    const shown = empty.slice(0, 4).map((c) => c.label).join('; ');
    // at the first empty cell's line, where the file has one (gongwen new writes every cell's),
    // else where it would go (a row written in { } that leaves cells out)
    // (the first empty cell's own line or place, in the form's order: a later cell written empty
    // was named over a { } row that left an earlier one out, a 2019-form audit)
    const line = empty.map((c) => stats.lines[c.key] ?? stats.places?.[c.key]).find((l) => l !== undefined);
    findings.push({
      severity: 'warning',
      loc: { file: stats.file, ...(line !== undefined ? { line } : {}) },
      message: `${name}: incomplete, ${empty.length} of ${t.cells.length} cells are empty (${shown}${empty.length > 4 ? '; …' : ''})`,
      hint: 'empty cells print blank: write 0 where there were none, and leave a cell empty only where the figure is unknown',
    });
  }
  return findings;
}

/** The difference a failed sum rule found (parts less totals). */
const diffOf = (stats: StatisticsTable, rule: StatRule) => sumOf(stats, rule.parts) - sumOf(stats, rule.totals);

/**
 * Failed rules off by as much that all share the same one figure with a rule (two: a row's total
 * and its column's; three: with the form's balance): that figure is the likely culprit, and each
 * of them points at it. A printed rule over a whole column (一 + 二 =
 * （七）总计 + 四) names no figure at all; a column's total (（七）总计 / 总计, the sum of the 21
 * result rows' totals) names itself as the total to correct, where a row's total under it is the
 * one that is off. Each finding is moved to the suspect's line and its fix names it.
 */
function pointAtSuspects(stats: StatisticsTable, failed: { rule: StatRule; finding: Finding }[]): void {
  const figuresOf = (rule: StatRule) => [...rule.parts, ...rule.totals];
  const labelOf = (k: string) => stats.template.cells.get(k)?.label ?? k;
  for (const e of failed) {
    if (e.rule.kind === 'lte') continue;
    const keys = new Set(figuresOf(e.rule));
    const size = Math.abs(diffOf(stats, e.rule));
    // the failed rules that share a figure with this one and are off by as much
    const alike = failed.filter((w) => w !== e && w.rule.kind !== 'lte' && Math.abs(Math.abs(diffOf(stats, w.rule)) - size) < 1e-9
      && figuresOf(w.rule).some((k) => keys.has(k)));
    const shared = alike.map((w) => figuresOf(w.rule).filter((k) => keys.has(k)));
    // (every one of them shares the same one figure with this rule: a row's total, its column's
    // total and the form's balance all hold （七）总计 / 自然人)
    const suspect = shared[0]?.[0];
    if (suspect === undefined || !shared.every((s) => s.length === 1 && s[0] === suspect)) continue;
    const line = stats.lines[suspect];
    // (a workbook's figure has a cell, not a line)
    const cell = stats.cells?.[suspect];
    if (line === undefined && !cell) continue;
    if (line !== undefined) e.finding.loc = { file: stats.file, line };
    const label = `${labelOf(suspect)}${line !== undefined ? ' (this line)' : ` (cell ${cell})`}`;
    // the other rules: a total's parts, or the form's rule with its two sides
    // (the total of one of them: named as that, not as one of its own parts — "总计 is also one
    // of the parts of 总计", an aggregation audit)
    const others = alike.map(({ rule }) => rule.totals.length === 1
      ? rule.totals[0] === suspect ? `the total of its ${rule.parts.length} parts (${labelOf(rule.parts[0]!)} … ${labelOf(rule.parts.at(-1)!)})` : `one of the parts of ${labelOf(rule.totals[0])}`
      : `in the form's rule ${rule.parts.map(labelOf).join(' + ')} = ${rule.totals.map(labelOf).join(' + ')}`).join(' and ');
    const offBy = alike.length > 1 ? 'which are off by as much' : 'which is off by as much';
    // the rule whose own total the suspect is (a row total that its parts do not add up to): its
    // own parts' sum says more than naming it would
    const owner = alike.find(({ rule }) => rule.totals.length === 1 && rule.totals[0] === suspect)?.rule;
    const ownSum = owner && `its own parts add up to ${fmt(sumOf(stats, owner.parts))}, not ${fmt(sumOf(stats, owner.totals))}`;
    if (e.rule.totals.length === 1 && e.rule.totals[0] === suspect) {
      // this rule's own total, also counted by the others: the total is the figure to correct
      e.finding.hint = `${label} is also ${others}, ${offBy}: correct it, or the part that is wrong`;
    } else if (e.rule.totals.length === 1) {
      // one of this rule's parts, which the others count too: that part, not this total
      e.finding.hint = ownSum ? `${label} is one of its parts, and ${ownSum}: correct it, or the part of it that is wrong`
        : `${label} is one of its parts and also ${others}, ${offBy}: correct it`;
    } else {
      e.finding.hint = ownSum ? `${label} is in this rule, and ${ownSum}: correct it, or the part that is wrong`
        : `${label} is in this rule and in ${alike.map((w) => w.finding.message.split(':')[0]).join(' and ')}, ${offBy}: correct it, or the total`;
    }
  }
}

/**
 * Two columns' totals off by as much, one short and one over (表三 （七）总计 / 自然人 62 short,
 * / 商业企业 62 over): where one row's figures in the two columns differ by just that, they were
 * typed in each other's place, and the row's own total still adds up. Both findings name that row
 * and its two figures (a 2019-form trial: they pointed at the 总计 row, line 35, not at line 15).
 */
function pointAtSwaps(stats: StatisticsTable, failed: { rule: StatRule; finding: Finding }[]): void {
  const column = (k: string) => k.slice(k.lastIndexOf('.') + 1);
  const row = (k: string) => k.slice(0, k.lastIndexOf('.'));
  const totals = failed.filter((f) => f.rule.kind !== 'lte' && f.rule.totals.length === 1);
  for (const a of totals) {
    for (const b of totals) {
      const d = diffOf(stats, a.rule);
      if (a === b || d <= 0 || Math.abs(diffOf(stats, b.rule) + d) > 1e-9 || column(a.rule.totals[0]!) === column(b.rule.totals[0]!)) continue;
      const other = (k: string) => `${row(k)}.${column(b.rule.parts[0]!)}`;
      const swapped = a.rule.parts.filter((k) => b.rule.parts.includes(other(k)) && Math.abs(stats.values[k]! - stats.values[other(k)]! - d) < 1e-9);
      if (swapped.length !== 1) continue;
      // (in the form's order of its columns)
      const order = [...stats.template.cells.keys()];
      const [ka, kb] = [swapped[0]!, other(swapped[0]!)].sort((x, y) => order.indexOf(x) - order.indexOf(y));
      const labelOf = (k: string) => stats.template.cells.get(k)?.label ?? k;
      const hint = `${labelOf(ka)} (${fmt(stats.values[ka]!)}) and ${labelOf(kb)} (${fmt(stats.values[kb]!)}) may be in each other's place: the two columns are off by ${fmt(d)} each way, and that row's figures differ by just that`;
      for (const f of [a, b]) {
        f.finding.hint = hint;
        const lines = [stats.lines[ka], stats.lines[kb]].filter((l): l is number => l !== undefined);
        if (lines.length) f.finding.loc = { file: stats.file, line: Math.min(...lines) };
      }
    }
  }
}

/** A form is for certain report years (2014 table: 2014–2018; 2019: 2019–2020; 2021 on). */
export function checkTemplateYear(stats: StatisticsTable, year: number): Finding[] {
  const y = stats.template.years;
  if (!y || formCovers(stats.template, year)) return [];
  return [{
    severity: 'warning',
    loc: { file: stats.file, line: stats.templateLine ?? 1 },
    message: `template ${stats.template.id} is the form for report years ${y.from}–${y.to ?? ''}, but the report is for ${year}`,
    hint: 'use the form of the report year (gov-2014 for 2014–2018, gov-2019 for 2019–2020, gov-2021 from 2021)',
  }];
}
