declare module 'virtual:glossary' {
  const entries: import('../lib/core/glossary-schema').Entry[];
  export default entries;
}
declare module 'virtual:glossary-index' {
  const entries: import('../lib/core/glossary-index').IndexEntry[];
  export default entries;
}
