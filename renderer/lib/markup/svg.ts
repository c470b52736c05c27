// Markup layer (page only: it needs a DOM): the one place where SVG from outside the app is made safe to put in the
// page or in an export. Figure SVG is ECharts' server-side output, but a frozen pack snapshot brings it back from
// local storage, which anything could have written, so it is treated as hostile: DOMPurify with its SVG profile,
// narrowed to what ECharts' SVG renderer draws (zrender/src/svg) — no style sheets, scripts, foreign objects,
// animation, links or images, no element outside the SVG namespace, references only to '#' fragments — and inline
// `style` turned into presentation attributes, so charts look the same under a CSP without 'unsafe-inline'.
import DOMPurify, { type Config, type DOMPurify as Purifier, type UponSanitizeAttributeHookEvent } from 'dompurify';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What a figure becomes when its markup is not one well-formed SVG: an empty drawing, so exports still work. */
export const BLANK_SVG = `<svg xmlns="${SVG_NS}" width="1" height="1"/>`;

/** Elements of DOMPurify's SVG and filter profiles that ECharts never draws (it draws svg, g, path, rect, circle,
 *  polyline, polygon, text, defs, linearGradient, radialGradient, stop, pattern, clipPath, filter, feDropShadow). */
const NOT_DRAWN_BY_ECHARTS = [
  // Active, or changing by themselves (ECharts' SSR emits a <style> of :hover rules, which would also restyle the page).
  'script', 'style', 'foreignObject', 'animate', 'animateColor', 'animateMotion', 'animateTransform', 'set', 'mpath', 'discard',
  // Links, and elements that fetch or show other documents.
  'a', 'image', 'feImage', 'use', 'tref', 'textPath', 'view', 'altGlyph', 'altGlyphDef', 'altGlyphItem', 'glyph', 'glyphRef', 'font', 'hkern', 'vkern',
  // Structure and filters a chart does not use.
  'switch', 'symbol', 'marker', 'mask', 'metadata', 'title', 'desc',
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting', 'feDisplacementMap',
  'feDistantLight', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
];

const CONFIG = {
  USE_PROFILES: { svg: true, svgFilters: true },
  // A non-HTML namespace makes DOMPurify parse with the XML parser into an SVG container: the HTML parser never sees
  // the markup. (DOMPurify's PARSER_MEDIA_TYPE takes only HTML/XHTML types; it stays text/html so attribute names
  // like viewBox match its lower-case lists.)
  NAMESPACE: SVG_NS,
  ALLOWED_NAMESPACES: [SVG_NS],
  FORBID_TAGS: NOT_DRAWN_BY_ECHARTS,
  // `style` is converted before this check (see styleToAttributes); `class` only served the dropped hover rules.
  FORBID_ATTR: ['style', 'class', 'tabindex'],
  // data-* and aria-* could match the page's own selectors; the figure's container carries the text alternative.
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_DOM: true,
} satisfies Config;

/** The CSS properties a `style` attribute may keep, as SVG presentation attributes. */
const PRESENTATION = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'paint-order',
  'font-family', 'font-size', 'font-style', 'font-weight', 'text-anchor', 'dominant-baseline',
];

/** A reference to something inside the same drawing. */
const FRAGMENT = /^#[\w.:-]+$/;
const FRAGMENT_URL = /url\(\s*(['"]?)#[\w.:-]+\1\s*\)/gi;
const FUNCTION = /([a-z-]*)\s*\(/gi;
/** CSS functions ECharts writes in attributes (colours, transforms); url() is allowed only as a fragment. */
const FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'matrix', 'translate', 'scale', 'rotate', 'skewx', 'skewy']);

function safeValue(name: string, value: string): boolean {
  if (name === 'href' || name === 'xlink:href') return FRAGMENT.test(value);
  // A CSS escape could spell url( or any function past the check below.
  if (value.includes('\\')) return false;
  for (const [, fn] of value.replace(FRAGMENT_URL, '').matchAll(FUNCTION)) if (!FUNCTIONS.has(fn!.toLowerCase())) return false;
  return true;
}

const STYLE_HOLDER = 'data-inline-style';
/** Event-handler attributes are renamed too (to data-blocked-on…, which the sanitiser drops): parsing markup with
 *  an `onload` makes Chromium try the handler, which the CSP blocks but reports. */
const HANDLER_HOLDER = 'data-blocked-';

/**
 * The markup with its <style> elements removed and every style attribute renamed to STYLE_HOLDER (event handlers to
 * HANDLER_HOLDER + their name), before any parser
 * sees it: the page's CSP (style-src 'self') refuses, and reports, style attributes and <style> elements even in a
 * detached parsing document. A plain text pass is enough: in well-formed SVG (ECharts escapes text) ` style="` and
 * `<style` occur only as markup — and whatever it misses, the sanitiser below still removes.
 */
export function withoutInlineStyles(markup: string): string {
  return markup
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/(\s)style=(["'])/g, `$1${STYLE_HOLDER}=$2`)
    .replace(/(\s)(on[a-z]+\s*=\s*["'])/gi, `$1${HANDLER_HOLDER}$2`);
}

let probe: SVGElement | null = null;

/** Inline style → presentation attributes. The page's CSS parser reads it (through the CSSOM of a detached element,
 *  which a CSP does not block), so shorthands like ECharts' `font: bold 12px sans-serif` come out as longhands. */
function styleToAttributes(el: Element): void {
  const css = el.getAttribute(STYLE_HOLDER);
  if (css === null) return;
  el.removeAttribute(STYLE_HOLDER);
  probe ??= document.createElementNS(SVG_NS, 'g');
  probe.style.cssText = css;
  for (const property of PRESENTATION) {
    const value = probe.style.getPropertyValue(property);
    if (value) el.setAttribute(property, value);
  }
}

let instance: Purifier | null = null;

function purifier(): Purifier {
  if (instance) return instance;
  const p = DOMPurify(window);
  // Without a DOM, DOMPurify hands its input back unchanged: refuse instead.
  if (!p.isSupported) throw new Error('SVG can only be cleaned in a page: there is no DOM here.');
  // Called for every node (text too): only elements have a style.
  p.addHook('beforeSanitizeAttributes', (node) => {
    if (node.nodeType === Node.ELEMENT_NODE) styleToAttributes(node);
  });
  p.addHook('uponSanitizeAttribute', (_el, data: UponSanitizeAttributeHookEvent) => {
    if (!safeValue(data.attrName, data.attrValue)) data.keepAttr = false;
  });
  return (instance = p);
}

/** The cleaned root `<svg>`, still in DOMPurify's parsing document, or null when the markup is not one SVG. */
function purify(markup: string): SVGSVGElement | null {
  const container = purifier().sanitize(withoutInlineStyles(markup), CONFIG) as Element | null;
  const root = container?.firstElementChild ?? null;
  return root && root.namespaceURI === SVG_NS && root.localName === 'svg' ? (root as SVGSVGElement) : null;
}

/** The markup as a clean `<svg>` element of this page's document (not yet in it), or null if it is not SVG. */
export function cleanSvg(markup: string): SVGSVGElement | null {
  const root = purify(markup);
  return root ? document.importNode(root, true) : null;
}

/** The markup cleaned and written back as XML (for storage and exports); BLANK_SVG if it is not SVG. */
export function cleanSvgMarkup(markup: string): string {
  const root = purify(markup);
  return root ? new XMLSerializer().serializeToString(root) : BLANK_SVG;
}

/**
 * Prefixes every id in a cleaned drawing and the '#' references to them, so two figures on one page (a frozen one
 * from an earlier session reuses ECharts' ids) never borrow each other's clip paths or patterns, and no id in a
 * figure can stand in for one of the page's.
 */
export function scopeSvgIds(svg: SVGSVGElement, prefix: string): void {
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (attr.name === 'id') attr.value = prefix + attr.value;
      else if (attr.localName === 'href') attr.value = `#${prefix}${attr.value.slice(1)}`;
      else if (/url\(/i.test(attr.value)) attr.value = attr.value.replace(FRAGMENT_URL, (url) => url.replace('#', `#${prefix}`));
    }
  }
}
