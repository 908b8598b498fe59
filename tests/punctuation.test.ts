import { describe, expect, it } from 'vitest';
import { normalizePunctuation as p } from '../src/transform/punctuation.js';

describe('ASCII punctuation in Chinese text', () => {
  it('leaves a decimal typed without its 0 a figure, not a sentence end (下降.5个百分点 printed 下降。5个百分点: a bad-input audit)', () => {
    expect(p('办结率同比下降.5个百分点，占比提高.8%，增长.5倍。')).toBe('办结率同比下降.5个百分点，占比提高.8%，增长.5倍。');
    expect(p('收取费用共计.5万元，预算.25亿元。')).toBe('收取费用共计.5万元，预算.25亿元。');
    // a sentence that ends before a figure still ends so
    expect(p('加强培训.2021年全年举办培训班12期。')).toBe('加强培训。2021年全年举办培训班12期。');
    // (three digits and more are no bare decimal: a review)
    expect(p('工作任务完成.100%达标。')).toBe('工作任务完成。100%达标。');
  });

  it('converts , ; : ? ! ( ) next to Chinese characters', () => {
    expect(p('条例,按照')).toBe('条例，按照');
    expect(p('地址:商丘市;邮编')).toBe('地址：商丘市；邮编');
    expect(p('是否公开?是!')).toBe('是否公开？是！');
    expect(p('《条例》(以下简称《条例》)')).toBe('《条例》（以下简称《条例》）');
    expect(p('476000,联系电话')).toBe('476000，联系电话');
  });

  it('leaves URLs, e-mail addresses, numbers and Latin text alone', () => {
    expect(p('商丘市政府网(www.shangqiu.gov.cn)查询')).toBe('商丘市政府网（www.shangqiu.gov.cn）查询');
    expect(p('电子邮箱:szfxxgkb@126.com)。')).toBe('电子邮箱：szfxxgkb@126.com）。');
    expect(p('见 https://a.gov.cn/x?a=1,2;b=3:4 页面')).toBe('见 https://a.gov.cn/x?a=1,2;b=3:4 页面');
    expect(p('共1,000条,时间15:59')).toBe('共1,000条，时间15:59');
    expect(p('Hello, world (test): ok?')).toBe('Hello, world (test): ok?');
    expect(p('(2016~2020年)')).toBe('（2016~2020年）');
  });

  it('drops spaces around the converted marks, and beside 。 and 、 as pasted text has them', () => {
    expect(p('条例 , 按照')).toBe('条例，按照');
    expect(p('共6个。 我局公开、 解读')).toBe('共6个。我局公开、解读');
    expect(p('占 100% 。')).toBe('占 100%。');
    expect(p('Hello world. 你好')).toBe('Hello world. 你好');
  });

  it('turns a pair of ASCII double quotes around or beside Chinese text into “ ”, leaving Latin quotes and an odd one alone', () => {
    expect(p('严控"三公"经费')).toBe('严控“三公”经费');
    expect(p('开展"政务公开日"活动,"互联网+政务服务"平台')).toBe('开展“政务公开日”活动，“互联网+政务服务”平台');
    expect(p('He said "yes" and left')).toBe('He said "yes" and left');
    expect(p('见"说明')).toBe('见"说明');
    expect(p('采购10"显示器和"三公"经费')).toBe('采购10"显示器和“三公”经费'); // an inch mark is no quote
    // … but a quote that closes after a figure is one
    expect(p('开通"12345"热线，落实"1+N"政策，推进"互联网+政务服务"。')).toBe('开通“12345”热线，落实“1+N”政策，推进“互联网+政务服务”。');
    expect(p('统计"2021"年度。完成"3个100%"目标。')).toBe('统计“2021”年度。完成“3个100%”目标。');
  });

  it('pairs an ASCII " with the full-width mark it meets, as an input method switched mid-phrase', () => {
    expect(p('按照“放管服"改革要求，落实"一网通办”。')).toBe('按照“放管服”改革要求，落实“一网通办”。');
    expect(p('“一网通办”和"三公"经费')).toBe('“一网通办”和“三公”经费');
    // a quoted term inside a full-width quote, and a quote around a full-width one
    expect(p('“关于"放管服"改革的通知”')).toBe('“关于‘放管服’改革的通知”'); // (nested: single, GB/T 15834)
    // two quoted terms typed in two widths joined by 和 or 、, or a term quoted inside that ends in 与 or 及:
    // which cannot be told, so left as typed (the check warns), never nested wrongly (a text audit, a review)
    expect(p('“十四五"规划和"双随机、一公开”监管.')).toBe('“十四五"规划和"双随机、一公开”监管。');
    expect(p('区政府办公室印发“关于开展"公众参与"活动的通知”')).toBe('区政府办公室印发“关于开展"公众参与"活动的通知”');
    // a list's comma or semicolon between figures in Chinese text; thousands separators kept (a text audit)
    expect(p('三个季度分别为12,15,18件.')).toBe('三个季度分别为12，15，18件。');
    expect(p('联系电话:0371-1234567,0371-7654321;传真同.')).toBe('联系电话：0371-1234567，0371-7654321；传真同。');
    expect(p('截至2021/12/31,3个部门完成整改.')).toBe('截至2021/12/31，3个部门完成整改。');
    expect(p('共1,234件，金额12,345.6万元，其中1,000件.')).toBe('共1,234件，金额12,345.6万元，其中1,000件。');
    expect(p('收费标准为每件1,000-2,000元，面积1,200-1,500平方米.')).toBe('收费标准为每件1,000-2,000元，面积1,200-1,500平方米。');
    // an ellipsis after an address that ends a Chinese sentence (a text audit: a.html..。)
    expect(p('请访问https://x.gov.cn/a.html...')).toBe('请访问https://x.gov.cn/a.html……');
    expect(p('“放管服"，"最多跑一次”')).toBe('“放管服”，“最多跑一次”');
    // (the pair typed full width inside is then single, as GB/T 15834 nests: the audit found the doubles warned of)
    expect(p('他说:"我们要落实“放管服”改革".')).toBe('他说：“我们要落实‘放管服’改革”。');
    expect(p('印发"关于推进“互联网+政务服务”的通知"')).toBe('印发“关于推进‘互联网+政务服务’的通知”');
    expect(p('他说:"落实“放管服”和“一网通办”改革"。')).toBe('他说：“落实‘放管服’和‘一网通办’改革”。');
    // an inch mark inside a full-width quote stays; where the pairs cannot be told, the marks stay as typed
    expect(p('“12" 显示器”')).toBe('“12" 显示器”');
    expect(p('“放管服"改革和"三公"经费')).toBe('“放管服"改革和"三公"经费');
    // single quotes around Chinese text; an apostrophe stays
    expect(p('严控\'三公\'经费')).toBe('严控‘三公’经费');
    expect(p('他说"关于\'放管服\'改革的意见"已印发.')).toBe('他说“关于‘放管服’改革的意见”已印发。');
    expect(p('It\'s 中文 and don\'t')).toBe('It\'s 中文 and don\'t');
    // a nested pair typed half “ half ": both its marks single, never “放管服’
    expect(p('他说:"要落实“放管服"改革".')).toBe('他说：“要落实‘放管服’改革”。');
    // a 文号 in the text gets its year in 〔 〕 (GB/T 9704 7.2.5); a title inside 《 》 typed with < > gets 〈 〉 (GB/T 15834)
    expect(p('印发《实施方案》（某环办[2022]15号）和（国发(2021)3号）。')).toBe('印发《实施方案》（某环办〔2022〕15号）和（国发〔2021〕3号）。');
    // with the 第 it was typed with (a cited number as written; a known gap: its brackets were kept)
    expect(p('根据《通知》（示政[2021]第3号）')).toBe('根据《通知》（示政〔2021〕第3号）');
    // one already in 〔 〕 typed with spaces loses them (they printed as gaps inside it)
    expect(p('印发（豫政办〔2017〕 15号）和（国办发 〔2017〕 24 号）。')).toBe('印发（豫政办〔2017〕15号）和（国办发〔2017〕24号）。');
    // the small ﹝ ﹞ of Word's and WPS's symbol tables (they printed small and low)
    expect(p('依据青政办﹝2025﹞12号文件和（国办发﹝2019﹞ 8号）。')).toBe('依据青政办〔2025〕12号文件和（国办发〔2019〕8号）。');
    expect(p('《关于印发<某某市方案>的通知》')).toBe('《关于印发〈某某市方案〉的通知》');
    expect(p('2022年(2021)的数据，a<b>c')).toBe('2022年（2021）的数据，a<b>c');
    // not inside a file name or a web address, which stay as typed
    expect(p('详见附件某政办[2022]1号.pdf。')).toBe('详见附件某政办[2022]1号.pdf。');
    expect(p('网址http://www.x.gov.cn/某办[2022]1号.html')).toBe('网址http://www.x.gov.cn/某办[2022]1号.html');
    // a . before a term in capitals that Chinese text goes on after ends the sentence; a file's extension stays
    expect(p('浓度下降.PM10浓度持平.')).toBe('浓度下降。PM10浓度持平。');
    expect(p('样表.PDF已上传，详见目录.pdf')).toBe('样表.PDF已上传，详见目录.pdf');
    // … and after a figure's unit of measure; not after 5G or 3D, nor a list number's figure
    expect(p('PM2.5平均浓度为27.6μg/m³.同比下降，用电12kWh.面积30m².其中')).toBe('PM2.5平均浓度为27.6μg/m³。同比下降，用电12kWh。面积30m²。其中');
    expect(p('建成5G.网络和3D.打印，主要做法：1.加强培训；2.完善制度')).toBe('建成5G.网络和3D.打印，主要做法：1.加强培训；2.完善制度');
    // 。。。 is ……, -- beside Chinese text ——; one — (the 一字线) and -- between figures or Latin words stay
    expect(p('加强宣传。。。全面推进--深化改革，京沪线（北京—上海），2021--2022年，a--b')).toBe('加强宣传……全面推进——深化改革，京沪线（北京—上海），2021--2022年，a--b');
    // the full-width － of a Chinese input method too (it printed as two hyphens, - -)
    expect(p('考核－－占比3%，2021－－2022年')).toBe('考核——占比3%，2021－－2022年');
    expect(p('详见。。。。。。。。。《年报--终稿.docx》和www.a.gov.cn/x--y/中')).toBe('详见……《年报--终稿.docx》和www.a.gov.cn/x--y/中');
    // one … (Word's AutoCorrect of ...) beside Chinese text is the Chinese ellipsis ……; Latin text and …… stay
    expect(p('包括政策解读、办事指南…等，“我们…”')).toBe('包括政策解读、办事指南……等，“我们……”');
    expect(p('…全面推进；等……；wait… for it')).toBe('……全面推进；等……；wait… for it');
    // ⋯ (midline) beside Chinese text is …; the 间隔号 typed ・ or • between Chinese characters is · (GB/T 15834)
    expect(p('等等⋯⋯，甲：让・雅克，乙：让•雅克；a⋯b，1・2')).toBe('等等……，甲：让·雅克，乙：让·雅克；a⋯b，1・2');
    // no space between Chinese text and …… “ ” 《 》 (Latin text keeps its spaces around quotes)
    expect(p('改革等工作...... 取得成效，按照《条例》 第五条和“清河发布” 推送')).toBe('改革等工作……取得成效，按照《条例》第五条和“清河发布”推送');
    expect(p('He said “hello” to me')).toBe('He said “hello” to me');
    // a . after a web or e-mail address, before Chinese text, ends the sentence
    expect(p('网址:www.example.gov.cn.欢迎访问，邮箱gk@example.gov.cn. 电话')).toBe('网址：www.example.gov.cn。欢迎访问，邮箱gk@example.gov.cn。电话');
    // two apostrophes are no empty pair
    expect(p('所谓\'\'放管服\'\'改革')).toBe('所谓‘‘放管服’’改革');
    // a quoted figure beside Chinese text is quoted, not a prime; a prime stays
    expect(p('通过\'12369\'热线及\'某某环保\'公众号举报。')).toBe('通过‘12369’热线及‘某某环保’公众号举报。');
    expect(p('北纬34°44\'的地方\'某\'')).toBe('北纬34°44\'的地方‘某’');
  });

  it('ends a Chinese sentence typed with . or ． with 。, and ? ! after a figure with ？ ！; leaves decimals, file names and Latin alone', () => {
    expect(p('全年更新公开目录123项.')).toBe('全年更新公开目录123项。');
    expect(p('收费1.5万元.本年无')).toBe('收费1.5万元。本年无');
    expect(p('规范公开目录．')).toBe('规范公开目录。');
    expect(p('办结率100%.')).toBe('办结率100%。');
    expect(p('办结率100%?')).toBe('办结率100%？');
    expect(p('增长3.5个百分点,见目录.pdf和第1.2条')).toBe('增长3.5个百分点，见目录.pdf和第1.2条');
    expect(p('见www.gov.cn.')).toBe('见www.gov.cn。'); // (the end of a Chinese text)
    // list numbers typed with a dot, names and short terms are no sentence's end
    expect(p('主要措施:一.加强领导;二.完善制度.')).toBe('主要措施：一.加强领导；二.完善制度。');
    expect(p('其一.加强领导，第一.坚持党的领导，统一.')).toBe('其一.加强领导，第一.坚持党的领导，统一。');
    expect(p('约翰.史密斯')).toBe('约翰.史密斯');
    // a foreign name's two runs in a longer sentence, left for the check to ask (it printed
    // 约翰。史密斯); a sentence's end between words is still one
    expect(p('邀请美国专家约翰.史密斯作专题讲座。')).toBe('邀请美国专家约翰.史密斯作专题讲座。');
    expect(p('邀请专家玛丽.安娜作讲座。')).toBe('邀请专家玛丽.安娜作讲座。');
    expect(p('工作取得明显成效.下一步将继续努力。')).toBe('工作取得明显成效。下一步将继续努力。');
    expect(p('政务公开工作水平进一步提高.加强组织领导。')).toBe('政务公开工作水平进一步提高。加强组织领导。');
    // words of those characters that end and open sentences are no name (a review: 提高.加大 was left)
    expect(p('公开质量较上年明显提高.加大对重点领域信息的公开力度。')).toBe('公开质量较上年明显提高。加大对重点领域信息的公开力度。');
    expect(p('严格落实安全保密.加大培训力度。')).toBe('严格落实安全保密。加大培训力度。');
    expect(p('邀请专家加里.史密斯作讲座。')).toBe('邀请专家加里.史密斯作讲座。');
    expect(p('接待来访人员张三.李四')).toBe('接待来访人员张三。李四'); // (a clause of five characters is taken as a sentence: the rule's limit)
    // a short lead phrase before a sentence, as 公文 lists have them
    expect(p('加强培训.全年举办培训班不少于4期。')).toBe('加强培训。全年举办培训班不少于4期。');
    expect(p('- 强化考核.将政务公开纳入绩效考核')).toBe('- 强化考核。将政务公开纳入绩效考核');
    // Chinese domain names are addresses
    expect(p('中文域名：郑州市人民政府.政务，网址为政府网.中国')).toBe('中文域名：郑州市人民政府.政务，网址为政府网.中国');
    // after a closing mark, before a figure, at the end after a figure or an address
    expect(p('印发了《实施办法(试行)》.开展"五公开".')).toBe('印发了《实施办法（试行）》。开展“五公开”。');
    expect(p('全年办结100件.2024年,我局将继续努力.')).toBe('全年办结100件。2024年，我局将继续努力。');
    expect(p('全年共收到申请15.')).toBe('全年共收到申请15。');
    expect(p('联系电话:0371-12345678.')).toBe('联系电话：0371-12345678。');
    expect(p('电子邮箱:gk@xx.gov.cn.')).toBe('电子邮箱：gk@xx.gov.cn。');
    // file names keep their marks; ... beside Chinese text is ……; brackets after a converted quote
    expect(p('附件(1).docx已上传.')).toBe('附件(1).docx已上传。');
    // (the second of two names joined by a Chinese word too, audit; brackets after a name are text's)
    expect(p('附件(1).docx和样表(1).PDF。')).toBe('附件(1).docx和样表(1).PDF。');
    expect(p('请下载附件(1).docx和附件(2).docx。')).toBe('请下载附件(1).docx和附件(2).docx。');
    expect(p('见附件.docx(共3页)')).toBe('见附件.docx（共3页）');
    // (text between two names is text: review)
    expect(p('详见附件1.docx(共3页)和附件2.pdf。')).toBe('详见附件1.docx（共3页）和附件2.pdf。');
    expect(p('请下载报告.pdf中提到(见第二部分)的内容。')).toBe('请下载报告.pdf中提到（见第二部分）的内容。');
    expect(p('附件(1).docx及样表(2).xls')).toBe('附件(1).docx及样表(2).xls');
    // (a name right after another, with no joining word: a name all the same, round 31)
    expect(p('见报告.pdf中提到的样表(1).xlsx。')).toBe('见报告.pdf中提到的样表(1).xlsx。');
    // (but brackets in the text between two names are the text's: review)
    expect(p('详见报告.pdf中的说明(第3页)和样表.xlsx')).toBe('详见报告.pdf中的说明（第3页）和样表.xlsx');
    expect(p('见报告.pdf中的样表(2024)汇总.xlsx。')).toBe('见报告.pdf中的样表(2024)汇总.xlsx。');
    expect(p('等等...')).toBe('等等……');
    expect(p('网站名称:"中国政府网"(www.gov.cn).')).toBe('网站名称：“中国政府网”（www.gov.cn）。');
    expect(p('V2.0版，No.1，12.5%，2023.12.31')).toBe('V2.0版，No.1，12.5%，2023.12.31');
    // (QA: correct text left as it is)
    for (const typed of [
      '采购“智慧屏”55"和65"各2台。', '采购“信创”终端：23.8"显示器100台，27"显示器20台。',
      '英文版年度报告标题为“Annual Report on Government Information Disclosure (2023)”。', '《Annual Report (2023)》',
      '英文标语：“Serve the People!”', '《Who Moved My Cheese?》', '技术支持单位：Microsoft Corp.', '供应商：Huawei Technologies Co., Ltd.',
      '注：参见OECD. Open Government Data Report. Paris: OECD Publishing, 2018.', '附件：政府信息公开申请表(样表).PDF',
      '附件：政策解读视频(完整版).mp4', '东经113°42\'、北纬34°44\'',
    ]) expect(p(typed), typed).toBe(typed);
    // (QA: typed with an English input method)
    expect(p('他说:"Yes!"')).toBe('他说：“Yes!”');
    expect(p('他强调:"要把政务公开抓实抓细."')).toBe('他强调：“要把政务公开抓实抓细。”');
    expect(p('联系电话:(0371)67181234')).toBe('联系电话：（0371）67181234');
    expect(p('详见附件1(PDF).')).toBe('详见附件1（PDF）。');
    expect(p('是否支持PDF?已开通APP!')).toBe('是否支持PDF？已开通APP！');
    expect(p('一是...;二是....')).toBe('一是……；二是……。');
    expect(p('Version 1.2. OK?')).toBe('Version 1.2. OK?');
    expect(p('100%.')).toBe('100%.');
  });

  it('is idempotent: a second pass changes nothing', () => {
    for (const typed of ['他说:"Yes!"', '联系电话:(0371)67181234', '"网站打不开."群众反映.', '英文名:"Open Government"', '其中PDF:120个,OFD:80个.', '按照“放管服"改革要求，落实"一网通办”。']) {
      expect(p(p(typed)), typed).toBe(p(typed));
    }
  });

  it('sees Chinese text across a bold or italic boundary', async () => {
    const { normalizeBlockPunctuation } = await import('../src/transform/punctuation.js');
    const [b] = normalizeBlockPunctuation([{ type: 'paragraph', loc: { file: 'r.md', line: 1 }, inlines: [
      { type: 'text', text: '推进' }, { type: 'text', text: '政务公开', bold: true }, { type: 'text', text: ',PDF格式(见附件)。' },
    ] }]);
    expect(b.type === 'paragraph' && b.inlines.map((i) => i.text)).toEqual(['推进', '政务公开', '，PDF格式（见附件）。']);
    // a full stop right after a bold run, and a text with a U+0001 of its own (Word's mark of an object): nothing lost
    const para = (inlines: { text: string; bold?: boolean }[]) => {
      const [x] = normalizeBlockPunctuation([{ type: 'paragraph', loc: { file: 'r.md', line: 1 }, inlines: inlines.map((i) => ({ type: 'text' as const, ...i })) }]);
      return x.type === 'paragraph' ? x.inlines.map((i) => i.text) : [];
    };
    expect(para([{ text: '全年重点做好' }, { text: '三项工作', bold: true }, { text: '.一是加强领导,二是完善制度。' }])).toEqual(['全年重点做好', '三项工作', '。一是加强领导，二是完善制度。']);
    expect(para([{ text: '甲\u0001乙,' }, { text: '丙丁', bold: true }, { text: '戊己尾巴。' }]).join('')).toBe('甲\u0001乙，丙丁戊己尾巴。');
    // the ellipsis and the 间隔号 rules across a bold or italic boundary too (让・*雅克*, 未收取**…**信息)
    expect(para([{ text: '让・' }, { text: '雅克', bold: true }, { text: '，未收取' }, { text: '…', bold: true }, { text: '信息' }])).toEqual(['让·', '雅克', '，未收取', '……', '信息']);
  });

  it('pairs ASCII quotes among themselves where the full-width ones balance apart from them', () => {
    expect(p('开通“12345”热线和"110"、"119"报警电话。')).toBe('开通“12345”热线和“110”、“119”报警电话。');
  });
});

describe('characters that look like Chinese characters (a PDF copy\'s)', () => {
  it('reads Kangxi radicals and compatibility ideographs as the characters they stand for', () => {
    // ⼯ U+2F2F, ⽬ U+2F6C, ⽂ U+2F42, ⼀ U+2F00; 六 U+F9D1, 豈 U+F900
    expect(p('⼀、全县⽬标绩效考核⼯作，⽂件六件，豈')).toBe('一、全县目标绩效考核工作，文件六件，豈');
    // the radical forms of whole characters simplified-Chinese PDFs give (review): ⺠ ⻓ ⻔ ⻅; a component form (⻈) stays
    expect(p('⼈⺠政府，⻓期，⻔户网站，⻅附件，⻈')).toBe('人民政府，长期，门户网站，见附件，⻈');
    expect(p('⻘年⻝品⻣干⻤⻡')).toBe('青年食品骨干鬼首');
    // the compatibility ideographs that are characters of their own stay (﨑 U+FA11)
    expect(p('﨑')).toBe('﨑');
    // the supplement's too (U+2F800 丽, U+2F8B2 成: no bundled face had the one, the other copied as itself, a rare-character audit)
    expect(p('\u{2f800}水县\u{2f8b2}立')).toBe('丽水县成立');
    // every Kangxi radical is the unified ideograph it decomposes to; text without them is as it was
    for (let cp = 0x2f00; cp <= 0x2fd5; cp++) {
      const c = String.fromCodePoint(cp);
      expect(p(c)).toBe(c.normalize('NFKC'));
      expect(p(c)).toMatch(/^[\u4e00-\u9fff]$/u);
    }
    expect(p('目标工作')).toBe('目标工作');
  });
});
