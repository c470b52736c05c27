// Import feature: the file types the file picker offers (the readers decide by content, not by name).
export const ACCEPTED_FILES = '.csv,.tsv,.txt,.psv,.gz,.xlsx,.xlsm,.ods,.parquet,.json,.ndjson,.jsonl,text/csv,text/plain';
