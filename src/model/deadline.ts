/**
 * The day by which a report on `year` is due, as the 条例 sets it (the year after, month and day):
 * - reports on 2008–2018, under the 2008 条例 (第三十一条): 31 March, for every organ;
 * - reports on 2019 on, under the 2019 条例 (国务院令第711号, in force from 15 May 2019, 第四十九条):
 *   a department's by 31 January; a 人民政府's own report, which its office compiles from its
 *   departments', by 31 March.
 * `organ` decides which: one whose name ends in 人民政府 is a government, but not a 乡 or 镇's (the
 * article's 31 March is for 县级以上地方人民政府; townships are held to 31 January, as departments are,
 * by most provinces' rules, a review).
 */
export function publicationDeadline(year: number, organ: string): { month: 1 | 3; day: 31; rule: string } {
  if (year <= 2018) return { month: 3, day: 31, rule: '2008 条例 第三十一条' };
  const name = organ.trim();
  return /人民政府$/.test(name) && !/[乡镇]人民政府$/.test(name) ? { month: 3, day: 31, rule: '条例 第四十九条, a 人民政府\'s own report' } : { month: 1, day: 31, rule: '条例 第四十九条' };
}

/** The deadline as said in a message: "31 March (2008 条例 第三十一条)". */
export const deadlineText = (year: number, organ: string): string => {
  const d = publicationDeadline(year, organ);
  return `${d.day} ${d.month === 1 ? 'January' : 'March'} ${year + 1} (${d.rule})`;
};
