// check.mjs: renders pages of a public site in Debian's headless Chromium
// and checks them as a reader would meet them.
//
//   node check.mjs [--shots DIR] SITE [PAGE...]
//
// PAGEs are paths under SITE; by default index.html, list/2.html when
// there is one, standing.html and the first decisions/*.html, each with
// its elder/ copy.  For each page: the page and its style sheet load from
// file://; axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no serious or
// critical violation (every violation is printed); Chinese text is drawn
// with a font that has CJK glyphs (Chromium's own account of the fonts
// used for each node holding Chinese, and a canvas comparison of Chinese
// characters against the missing-glyph box); at a phone's width the page
// does not scroll sideways.  A PNG of each page goes to DIR.
//
// Exit status: 0 all passed, 1 a check failed, 2 usage or a missing
// browser or package.  CHROMIUM names the browser (/usr/bin/chromium).
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const me = 'check.mjs';

function die(status, msg) {
	console.error(`${me}: ${msg}`);
	process.exit(status);
}

let args = process.argv.slice(2);
let shots = null;
if (args[0] === '--shots') {
	shots = args[1];
	args = args.slice(2);
}
if (args.length < 1 || args[0].startsWith('-') || (shots === null &&
    process.argv[2] === '--shots'))
	die(2, 'usage: node check.mjs [--shots DIR] SITE [PAGE...]');
const site = path.resolve(args[0]);
if (!existsSync(path.join(site, 'index.html')))
	die(2, `no index.html in '${site}'`);

let pages = args.slice(1);
if (pages.length === 0) {
	const decisions = existsSync(path.join(site, 'decisions')) ?
	    readdirSync(path.join(site, 'decisions'))
		.filter((f) => f.endsWith('.html')).sort() : [];
	const base = ['index.html'];
	if (existsSync(path.join(site, 'list/2.html')))
		base.push('list/2.html');
	base.push('standing.html');
	if (decisions.length > 0)
		base.push(`decisions/${decisions[0]}`);
	else
		die(1, `no decision page in '${site}/decisions'`);
	pages = base.flatMap((p) => [p, `elder/${p}`]);
}
for (const p of pages)
	if (!existsSync(path.join(site, p)))
		die(2, `no page '${p}' in '${site}'`);

const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(browserPath))
	die(2, `no browser at ${browserPath}: install Debian's chromium ` +
	    '(scripts/dev.sh test does)');
let chromium, axeSource;
try {
	({ chromium } = require('playwright-core'));
	axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (err) {
	die(2, `cannot load playwright-core or axe-core (${err.code || err}): ` +
	    'run npm ci in tests/a11y (scripts/dev.sh test does)');
}

// The families fontconfig says hold 中 and 文, when fc-list is there.
function cjkFamilies() {
	try {
		const out = execFileSync('fc-list', [':charset=4e2d 6587',
		    'family'], { encoding: 'utf8' });
		return new Set(out.split('\n').flatMap((l) => l.split(','))
		    .map((f) => f.trim()).filter(Boolean));
	} catch {
		return null;
	}
}
const fcFamilies = cjkFamilies();
const cjkName = /CJK|Source Han|Han Sans|Han Serif|WenQuanYi|WQY|AR PL|Droid Sans Fallback|Noto (Sans|Serif) (SC|TC|HK)\b/i;
function isCjkFamily(name) {
	if (fcFamilies !== null)
		return fcFamilies.has(name);
	return cjkName.test(name);
}
const han = /[\u3400-\u9fff]/;

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let failures = 0;
function fail(page, msg) {
	failures++;
	console.error(`${me}: ${page}: ${msg}`);
}

// Nodes whose own text holds Chinese: the h1, the banner, a caption, a
// table cell and a paragraph, as far as the page has them.
async function cjkNodes(cdp) {
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	const picked = [];
	for (const sel of ['h1', '.banner .agency', 'caption', 'th', 'td',
	    'main p', 'footer p']) {
		const { nodeIds } = await cdp.send('DOM.querySelectorAll',
		    { nodeId: root.nodeId, selector: sel });
		for (const nodeId of nodeIds.slice(0, 8)) {
			const { node } = await cdp.send('DOM.describeNode',
			    { nodeId, depth: 1 });
			const text = (node.children || [])
			    .filter((c) => c.nodeType === 3)
			    .map((c) => c.nodeValue).join('');
			if (han.test(text)) {
				picked.push({ sel, nodeId, text });
				break;
			}
		}
	}
	return picked;
}

async function checkFonts(page, name) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('DOM.enable');
	await cdp.send('CSS.enable');
	const nodes = await cjkNodes(cdp);
	if (nodes.length < 3)
		fail(name, `only ${nodes.length} nodes with Chinese text found`);
	const used = new Map();
	for (const n of nodes) {
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode',
		    { nodeId: n.nodeId });
		const cjk = fonts.filter((f) => isCjkFamily(f.familyName));
		const glyphs = cjk.reduce((s, f) => s + f.glyphCount, 0);
		const hanCount = [...n.text].filter((c) => han.test(c)).length;
		for (const f of fonts)
			used.set(f.familyName, (used.get(f.familyName) || 0) +
			    f.glyphCount);
		if (glyphs < hanCount)
			fail(name, `${n.sel} "${n.text.slice(0, 20)}": ` +
			    `${hanCount} Chinese characters but only ${glyphs} ` +
			    'glyphs from a CJK font; fonts used: ' +
			    (fonts.map((f) => `${f.familyName} ${f.glyphCount}`)
				.join(', ') || 'none'));
	}
	await cdp.detach();
	// The same characters drawn in the page's font must differ from the
	// box drawn for a code point no font has.
	const h1 = nodes.find((n) => n.sel === 'h1') || nodes[0];
	const sample = [...(h1 ? h1.text : '公示')].filter((c) => han.test(c))
	    .slice(0, 6).join('');
	const boxes = await page.evaluate((text) => {
		const family = getComputedStyle(document.body).fontFamily;
		const draw = (s) => {
			const c = document.createElement('canvas');
			c.width = 64 * [...s].length;
			c.height = 64;
			const g = c.getContext('2d');
			g.font = `48px ${family}`;
			g.fillStyle = '#000';
			g.textBaseline = 'middle';
			g.fillText(s, 0, 32);
			return g.getImageData(0, 0, c.width, c.height).data;
		};
		const tofu = draw('\u{10fffd}');
		return [...text].filter((ch) => {
			const d = draw(ch);
			let ink = 0, same = true;
			for (let i = 3; i < d.length; i += 4) {
				ink += d[i];
				if (d[i] !== tofu[i])
					same = false;
			}
			return ink === 0 || same;
		}).join('');
	}, sample);
	if (sample.length === 0)
		fail(name, 'no Chinese sample to draw');
	else if (boxes.length > 0)
		fail(name, `"${boxes}" of "${sample}" drawn as empty or as the ` +
		    'missing-glyph box: no CJK font');
	return [...used].map(([f, n]) => `${f} (${n} glyphs)`).join(', ');
}

async function checkAxe(page, name) {
	await page.addScriptTag({ content: axeSource });
	const result = await page.evaluate(async (runTags) => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: runTags },
			resultTypes: ['violations', 'incomplete'],
		});
		const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help,
		    nodes: v.nodes.map((n) => n.target.join(' ') +
			(n.failureSummary ? ` -- ${n.failureSummary
			    .replace(/\s+/g, ' ')}` : '')) });
		return { violations: r.violations.map(brief),
		    incomplete: r.incomplete.map(brief),
		    passes: r.passes.length, version: window.axe.version };
	}, tags);
	for (const v of result.violations) {
		const line = `axe ${v.impact} ${v.id}: ${v.help} ` +
		    `(${v.nodes.length} nodes)`;
		if (v.impact === 'serious' || v.impact === 'critical')
			fail(name, line);
		else
			console.log(`${name}: ${line}`);
		for (const n of v.nodes.slice(0, 5))
			console.log(`    ${n}`);
	}
	return result;
}

const started = Date.now();
let browser;
try {
	browser = await chromium.launch({
		executablePath: browserPath,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-dev-shm-usage', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync',
		    '--no-first-run', '--no-default-browser-check',
		    '--allow-file-access-from-files', '--lang=zh-CN'],
		timeout: 60000,
	});
} catch (err) {
	die(2, `cannot start ${browserPath}: ${err.message.split('\n')[0]}`);
}
if (shots !== null)
	mkdirSync(shots, { recursive: true });
let axeVersion = '?';
try {
	const context = await browser.newContext({ locale: 'zh-CN',
	    viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
	for (const name of pages) {
		const page = await context.newPage();
		const broken = [];
		page.on('requestfailed', (r) => {
			const u = r.url();
			// Only the site's own pages and style sheets must load.
			if (u.endsWith('.css') || u.endsWith('.html'))
				broken.push(`${u}: ${r.failure().errorText}`);
		});
		page.on('pageerror', (err) => fail(name, `script error: ${err}`));
		const url = pathToFileURL(path.join(site, name)).href;
		const res = await page.goto(url, { waitUntil: 'load' });
		if (res !== null && !res.ok())
			fail(name, `cannot load ${url}`);
		for (const b of broken)
			fail(name, `cannot load ${b}`);
		const styled = await page.evaluate(() =>
		    document.styleSheets.length > 0 &&
		    getComputedStyle(document.body).fontFamily);
		if (!styled)
			fail(name, 'no style sheet applied');
		const lang = await page.evaluate(() =>
		    document.documentElement.lang);
		if (lang !== 'zh-CN')
			fail(name, `lang is '${lang}', want zh-CN`);
		const fonts = await checkFonts(page, name);
		const axe = await checkAxe(page, name);
		axeVersion = axe.version;
		const serious = axe.violations.filter((v) =>
		    v.impact === 'serious' || v.impact === 'critical').length;
		if (shots !== null)
			await page.screenshot({ fullPage: true, path: path.join(
			    shots, name.replace(/\//g, '_').replace(/\.html$/,
				'.png')) });
		// A phone: no sideways scrolling of the whole page.
		await page.setViewportSize({ width: 360, height: 740 });
		const overflow = await page.evaluate(() =>
		    document.documentElement.scrollWidth - window.innerWidth);
		if (overflow > 0)
			fail(name, `at 360px wide the page scrolls sideways by ` +
			    `${overflow}px`);
		if (shots !== null)
			await page.screenshot({ path: path.join(shots,
			    name.replace(/\//g, '_').replace(/\.html$/,
				'-phone.png')) });
		const review = axe.incomplete.map((v) =>
		    `${v.id} ×${v.nodes.length}`).join(', ');
		console.log(`${name}: axe ${axe.violations.length} violations ` +
		    `(${serious} serious or critical), ${axe.incomplete.length} ` +
		    `to review${review ? ` (${review})` : ''}, ${axe.passes} ` +
		    `rules passed; fonts: ${fonts}`);
		await page.close();
	}
} finally {
	await browser.close();
}
console.log(`${me}: axe-core ${axeVersion}, ${pages.length} pages in ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures > 0)
	die(1, `${failures} problems in ${site}`);
console.log(`${me}: ${pages.length} passed, 0 failed`);
