// Pack feature: puts a figure's SVG into the page as real inline SVG (so the PDF keeps it as vectors) without
// {@html}: the markup is parsed as SVG, stripped of anything active (scripts, event handlers, external links,
// foreign objects) and given a viewBox so it scales to the width the page gives it. The page's CSP (headers.ts,
// style-src 'self') refuses style attributes and <style> elements even in a DOMParser document, so before parsing,
// ECharts' style attributes (font size, family, weight of its text) are renamed and then applied through the
// CSSOM, which CSP allows; its <style> element is dropped: it holds only :hover rules, meaningless in a static
// figure and global to the page (every chart reuses the same class names).
import type { Attachment } from 'svelte/attachments';

const ACTIVE = 'script, foreignObject, iframe, object, embed, use[href^="http"], animate, set, style';
const STYLE_HOLDER = 'data-inline-style';

/**
 * The markup with its <style> elements removed and every style attribute renamed to STYLE_HOLDER. A plain text
 * pass is enough: in well-formed SVG (ECharts escapes text) ` style="` and `<style` occur only as markup.
 */
export function withoutInlineStyles(markup: string): string {
  return markup.replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/(\s)style=(["'])/g, `$1${STYLE_HOLDER}=$2`);
}

export function safeSvg(markup: string): SVGSVGElement | null {
  const parsed = new DOMParser().parseFromString(withoutInlineStyles(markup), 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.nodeName !== 'svg' || parsed.querySelector('parsererror')) return null;
  for (const el of root.querySelectorAll(ACTIVE)) el.remove();
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const link = name === 'href' || name.endsWith(':href');
      if (name.startsWith('on') || (link && !attr.value.startsWith('#'))) el.removeAttribute(attr.name);
    }
  }
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  for (const el of svg.querySelectorAll(`[${STYLE_HOLDER}]`)) {
    if (el instanceof SVGElement) el.style.cssText = el.getAttribute(STYLE_HOLDER) ?? '';
    el.removeAttribute(STYLE_HOLDER);
  }
  const width = parseFloat(svg.getAttribute('width') ?? '');
  const height = parseFloat(svg.getAttribute('height') ?? '');
  if (!svg.hasAttribute('viewBox') && width > 0 && height > 0) svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}

/** `{@attach inlineSvg(markup)}`: the element's content becomes the cleaned SVG (or stays empty if it is not SVG). */
export function inlineSvg(markup: string): Attachment<HTMLElement> {
  return (el) => {
    const svg = safeSvg(markup);
    if (svg) el.replaceChildren(svg);
    return () => el.replaceChildren();
  };
}
