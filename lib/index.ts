/**
 * lista5 – the library behind the Portuguese lesson "Lista 5 – Vanishing & Exploding Gradient".
 * Everything the notebooks need comes from here: `import * as l5 from "lista5"`.
 */
export {};
