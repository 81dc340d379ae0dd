declare module 'virtual:glossary' {
  const entries: import('../lib/core/glossary-schema').Entry[];
  export default entries;
}
declare module 'virtual:glossary-index' {
  /** The compact index as JSON text: read it with decodeIndex (lib/core/glossary-index.ts). */
  const index: string;
  export default index;
}
