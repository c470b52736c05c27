// Query layer, pure: the name an imported table gets — short snake_case from the file's (and sheet's) name, so it is
// easy to type in SQL and is found as a word in saved queries — never the name of a table that already exists.

const MAX = 48;

/** snake_case of any text ("OCG mapping (Q4).xlsx" → "ocg_mapping_q4"), '' when nothing is left. */
export function snakeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX)
    .replace(/_+$/g, '');
}

/** The file's name without its extensions (".csv.gz" too). */
export function fileStem(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/(\.(csv|tsv|txt|psv|gz|xlsx|xlsm|ods|json|ndjson|jsonl|parquet))+$/i, '');
}

/** A table name for a file (and sheet) not among `taken` (compared without case). */
export function tableNameFor(fileName: string, sheet: string | null, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  let base = snakeName(sheet ? `${fileStem(fileName)} ${sheet}` : fileStem(fileName)) || 'imported';
  if (/^[0-9]/.test(base)) base = `t_${base}`;
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base}_${n}`;
  return name;
}

/** Why a name the analyst typed cannot be a table's name, or null when it can. */
export function tableNameProblem(name: string, taken: Iterable<string>): 'empty' | 'characters' | 'taken' | null {
  if (!name.trim()) return 'empty';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'characters';
  const lower = name.toLowerCase();
  return [...taken].some((t) => t.toLowerCase() === lower) ? 'taken' : null;
}
