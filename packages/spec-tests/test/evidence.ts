// x-evidence (HELPERS.md, shared definition): a fact not in the old docs snapshot carries
// `x-evidence: {level, source}` on the operation, parameter or property it is about.
export const EVIDENCE_LEVELS = ['current-docs', 'vendor-kb', 'client-code', 'assumption'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export interface EvidenceSite {
  /** JSON pointer of the object carrying x-evidence. */
  at: string;
  level: unknown;
  source: unknown;
}

/** Every x-evidence of the document, in document order, with where it is. */
export function collectEvidence(doc: unknown): EvidenceSite[] {
  const out: EvidenceSite[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${at}/${i}`);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      const here = `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (k === 'x-evidence') out.push({ at, level: (v as any)?.level, source: (v as any)?.source });
      else walk(v, here);
    }
  };
  walk(doc, '');
  return out;
}

/** How many x-evidence there are per level; sites with an unknown level or no source, apart. */
export function countEvidence(sites: EvidenceSite[]): { counts: Record<EvidenceLevel, number>; bad: string[] } {
  const counts = Object.fromEntries(EVIDENCE_LEVELS.map((l) => [l, 0])) as Record<EvidenceLevel, number>;
  const bad: string[] = [];
  for (const s of sites) {
    if (!EVIDENCE_LEVELS.includes(s.level as EvidenceLevel)) bad.push(`${s.at}: unknown level ${JSON.stringify(s.level)}`);
    else if (typeof s.source !== 'string' || !s.source.trim()) bad.push(`${s.at}: no source`);
    else counts[s.level as EvidenceLevel]++;
  }
  return { counts, bad };
}
