/** The package is one JSON array (its `main`), with no types of its own. */
declare module 'stopwords-en' {
  const words: string[];
  export default words;
}
