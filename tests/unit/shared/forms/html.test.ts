import { describe, expect, it } from 'vitest';
import { escapeHtml, fill, html, SafeHtml, trustedSvg } from '../../../../shared/forms';
import { AppError } from '../../../../shared/ipc/result';

describe('HTML escaping', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('composes text to NFC so a decomposed name prints and searches like a composed one', () => {
    expect(escapeHtml('Nguye\u0302\u0303n')).toBe('Nguyễn');
  });

  it('escapes every interpolated value unless it is already safe markup', () => {
    const name = '"><img src=x onerror=alert(1)>';
    const out = html`<p title="${name}">${name}${new SafeHtml('<b>ok</b>')}${[1, '<', null, undefined]}</p>`;
    expect(out.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<b>ok</b>1&lt;</p>',
    );
  });

  it('fills wording placeholders, escaping both the wording and the values, and leaves unknown ones visible', () => {
    expect(fill('Kính gửi: {name} & {other}', { name: '<Lan>' }).value).toBe('Kính gửi: &lt;Lan&gt; &amp; {other}');
    expect(fill('{a}{b}', { a: new SafeHtml('<i>x</i>'), b: 2 }).value).toBe('<i>x</i>2');
  });
});

describe('SVG codes inserted as markup', () => {
  it('accepts the plain SVG the QR and barcode generators produce', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h1v1H0z"/></svg>\n';
    expect(trustedSvg(svg).value).toBe(svg.trim());
  });

  it.each([
    ['<svg><script>alert(1)</script></svg>'],
    ['<svg onload="alert(1)"></svg>'],
    ['<svg><a href="javascript:alert(1)"><path/></a></svg>'],
    ['<svg><image href="https://tracking.example/x.png"/></svg>'],
    ['<svg><foreignObject><div>x</div></foreignObject></svg>'],
    ['<svg><path style="fill:url(https://x.example/a)"/></svg>'],
    ['<div>not svg</div>'],
    ['<svg>'],
  ])('refuses %s', (svg) => {
    expect(() => trustedSvg(svg)).toThrow(AppError);
    try {
      trustedSvg(svg);
    } catch (error) {
      expect((error as AppError).code).toBe('FORM_IMAGE_INVALID');
    }
  });
});
