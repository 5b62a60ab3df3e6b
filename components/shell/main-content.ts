/** The (app) layout's content, where the skip link lands (a plain module: the server layout reads it too). */
export const MAIN_CONTENT_ID = "main-content";
