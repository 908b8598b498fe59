/**
 * Characters of transliterated foreign names (音译用字: 约翰 史密斯 玛丽 安娜 威廉姆斯 …), the ones
 * the Xinhua name tables use most. A . typed between two runs of them (约翰.史密斯) is read as a
 * name's 间隔号 slip, not a sentence's end: punctuation.ts leaves it as typed and lint.ts asks which
 * it is. Characters that open or close Chinese sentences as words in their own right are in the
 * list where names use them often (大卫, 加里, 提姆); the words themselves are told apart below
 * (提高.加大 ends a sentence).
 */
const NAME_CHARACTERS = new Set([
  ...'阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波伯博布查达大戴丹道德登迪蒂丁东杜敦顿多厄恩尔法范菲费芬丰夫弗福',
  ...'盖甘冈高戈格根贡古瓜哈海汉豪赫亨洪胡华怀惠霍基吉加贾杰捷金卡凯坎康考柯科克肯孔库夸奎昆拉莱兰朗劳勒雷蕾',
  ...'里利莉丽连廉林琳隆卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙米密敏明莫默姆穆纳娜奈南内尼涅纽努诺欧帕潘庞佩彭皮珀普',
  ...'奇齐恰乔切琴萨塞赛桑瑟森沙莎尚舍申圣施什史舒斯松苏索塔泰坦汤唐特提汀廷通图托瓦万旺威韦维温文翁沃乌西希锡',
  ...'谢辛休雅亚扬耶叶伊易英尤约泽扎詹兹佐翰',
]);

/**
 * Words of these characters that end and open Chinese sentences (…明显提高.加大…, 安全保密.加强…):
 * a run that ends or opens with one is no name's (a review: 提高.加大 had been left as typed).
 */
const WORDS_ENDING = /(?:提高|加大|保密|安全|明显|文明|大力|加快|保持|保障|明确|普及|维护|完善)$/u;
const WORDS_OPENING = /^(?:加大|加强|加快|提高|提升|大力|保障|保持|明确|安排|维护|完善|推进|落实|开展|坚持|不断|切实|扎实|全面)/u;

/**
 * Whether a . between text[..at) and text[at+1..] stands between two runs of a foreign name's
 * characters, each of two or more (约翰.史密斯), neither a sentence's word (`skip`: what the
 * runs look through).
 */
export function betweenNameRuns(chars: readonly string[], at: number, skip: (c: string) => boolean = () => false): boolean {
  const left = nameRun(chars, at - 1, -1, skip);
  const right = nameRun(chars, at + 1, 1, skip);
  return left.length >= 2 && right.length >= 2 && !WORDS_ENDING.test(left) && !WORDS_OPENING.test(right);
}

/** The characters of a name that run from `at` in `step`'s direction, in reading order, passing over what `skip` says. */
function nameRun(chars: readonly string[], at: number, step: -1 | 1, skip: (c: string) => boolean): string {
  const run: string[] = [];
  for (let i = at; i >= 0 && i < chars.length; i += step) {
    if (skip(chars[i]!)) continue;
    if (!NAME_CHARACTERS.has(chars[i]!)) break;
    run.push(chars[i]!);
  }
  return (step < 0 ? run.reverse() : run).join('');
}
