// Pack feature: puts a figure's SVG into the page as real inline SVG (so the PDF keeps it as vectors) without
// {@html}: lib/markup cleans it (one allow-list for every place SVG is used), then it gets ids of its own and a
// viewBox so it scales to the width the page gives it, and carries the figure's text alternative as an image
// (role img, aria-label): a tagged PDF then holds it as a Figure with that /Alt.
import type { Attachment } from 'svelte/attachments';
import { cleanSvg, scopeSvgIds } from '../../lib/markup/svg.ts';

let figures = 0;

export function safeSvg(markup: string, alt: string): SVGSVGElement | null {
  const svg = cleanSvg(markup);
  if (!svg) return null;
  scopeSvgIds(svg, `figure-svg-${++figures}-`);
  const width = parseFloat(svg.getAttribute('width') ?? '');
  const height = parseFloat(svg.getAttribute('height') ?? '');
  if (!svg.hasAttribute('viewBox') && width > 0 && height > 0) svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', alt);
  svg.setAttribute('focusable', 'false');
  return svg;
}

/** `{@attach inlineSvg(markup, alt)}`: the element's content becomes the cleaned SVG (or stays empty if not SVG). */
export function inlineSvg(markup: string, alt: string): Attachment<HTMLElement> {
  return (el) => {
    const svg = safeSvg(markup, alt);
    if (svg) el.replaceChildren(svg);
    else Object.entries({ role: 'img', 'aria-label': alt }).forEach(([k, v]) => el.setAttribute(k, v)); // the alternative stays
    return () => el.replaceChildren();
  };
}
