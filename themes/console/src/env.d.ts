/// <reference types="vite/client" />

declare module 'virtual:theme-messages' {
  /** The login theme's messages_{en,de,fr}.properties, as key to text per language. */
  const messages: Record<string, Record<string, string>>;
  export default messages;
}
