/*
 * NGX chat widget: the embeddable sales-agent chat. One dependency-free ES2017 file, served by
 * WidgetResource at {api}/widget/widget.js and embedded as
 *   <script src="https://PLATFORM/api/v1/widget/widget.js" data-ngx-key="wk_…" async></script>
 * Optional attributes: data-ngx-language="es", data-ngx-open="true".
 * The UI lives in a closed Shadow DOM so the host page's CSS and ours never meet. Untrusted text
 * (agent replies, user input, brand values) only ever reaches the DOM as text nodes or validated values.
 */
(function () {
  'use strict';
  if (window.NGXChat) return; // embedded twice: the first copy wins

  // ---- Where we come from -------------------------------------------------------------------
  const script = document.currentScript || [].slice.call(document.querySelectorAll('script[data-ngx-key]')).pop();
  if (!script || !script.getAttribute('data-ngx-key')) return;
  const KEY = script.getAttribute('data-ngx-key');
  const src = script.src || '';
  const API = src.slice(0, Math.max(0, src.indexOf('/widget/widget.js')));
  const WIDGET = API + '/widget/' + encodeURIComponent(KEY);
  const STORE = 'ngx-chat:' + KEY; // sessionStorage key: one conversation per widget and tab
  const MAX_TEXT = 2000; // the server's limit for a prospect message

  // ---- Localised UI strings ({n} is replaced) -----------------------------------------------
  const STRINGS = {
    en: {
      open: 'Open chat', close: 'Close chat', chatWith: 'Chat with {n}', placeholder: 'Type your message…',
      send: 'Send', you: 'You', typing: '{n} is typing…', continued: 'Conversation continued',
      error: 'Sorry, something went wrong. Please try again.', offline: "We couldn't reach the chat. Please check your connection and try again.",
      busy: "You're sending messages too quickly. Please wait {n} seconds and try again.", retry: 'Try again',
      unavailable: "This chat isn't available right now.",
      ended: 'This conversation has ended. Write again to start a new one.', handedOff: 'A member of our team will continue this conversation.',
      powered: 'Powered by {n}', book_call: 'Book a call', start_trial: 'Start free trial', buy_link: 'Buy now'
    },
    es: {
      open: 'Abrir chat', close: 'Cerrar chat', chatWith: 'Chatea con {n}', placeholder: 'Escribe tu mensaje…',
      send: 'Enviar', you: 'Tú', typing: '{n} está escribiendo…', continued: 'Conversación retomada',
      error: 'Lo sentimos, algo ha fallado. Inténtalo de nuevo.', offline: 'No hemos podido conectar con el chat. Revisa tu conexión e inténtalo de nuevo.',
      busy: 'Estás enviando mensajes demasiado rápido. Espera {n} segundos e inténtalo de nuevo.', retry: 'Reintentar',
      unavailable: 'Este chat no está disponible en este momento.',
      ended: 'Esta conversación ha terminado. Escribe de nuevo para empezar otra.', handedOff: 'Una persona de nuestro equipo continuará esta conversación.',
      powered: 'Con la tecnología de {n}', book_call: 'Reservar una llamada', start_trial: 'Empezar la prueba gratis', buy_link: 'Comprar ahora'
    }
  };
  const CTA_ACTIONS = ['book_call', 'start_trial', 'buy_link'];
  let S = STRINGS.en;
  const t = (id, n) => S[id].replace('{n}', n == null ? '' : String(n));

  // ---- HTTP ---------------------------------------------------------------------------------
  /**
   * Calls the widget API; rejects with an Error carrying status (0 = network/CORS), retryAfter, and
   * for a 402 (the tenant's plan refused) the problem's detail, a sentence written for the visitor.
   */
  async function call(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers['X-NGX-Conversation-Token'] = token;
    let res;
    try {
      res = await fetch(WIDGET + path, { method, mode: 'cors', credentials: 'omit', headers,
        body: body ? JSON.stringify(body) : undefined });
    } catch (e) {
      throw Object.assign(new Error('network'), { status: 0 });
    }
    if (!res.ok) {
      const err = Object.assign(new Error('HTTP ' + res.status), { status: res.status });
      const ra = res.headers.get('Retry-After');
      if (ra) err.retryAfter = /^\d+$/.test(ra) ? +ra : Math.max(1, Math.round((Date.parse(ra) - Date.now()) / 1000)) || 0;
      if (res.status === 402) {
        try {
          const p = await res.json();
          if (p && typeof p.detail === 'string' && p.detail.trim()) err.detail = p.detail.trim().slice(0, 300);
        } catch (e) { /* no readable body: the generic sentence */ }
      }
      throw err; // other problems' bodies are deliberately not shown: users get a friendly line instead
    }
    return res.status === 204 ? null : res.json();
  }

  // ---- Colours and contrast -----------------------------------------------------------------
  const HEX = /^#[0-9a-f]{6}$/i;
  const color = (c, fallback) => (typeof c === 'string' && HEX.test(c) ? c : fallback);
  /** Relative luminance (WCAG 2.x) of #rrggbb. */
  function luminance(hex) {
    const ch = [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  }
  /** Black or white, whichever contrasts more with the background. */
  const onColor = (bg) => ((luminance(bg) + 0.05) / 0.05 > 1.05 / (luminance(bg) + 0.05) ? '#000000' : '#FFFFFF');

  // ---- Styles (all inline; nothing inherits in or leaks out) --------------------------------
  const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
[hidden]{display:none!important}
.launcher,.panel{position:fixed;z-index:2147483000;bottom:20px}
.left .launcher,.left .panel{left:20px}.right .launcher,.right .panel{right:20px}
.launcher{width:60px;height:60px;border-radius:50%;border:0;cursor:pointer;background:var(--p);color:var(--on-p);
 box-shadow:0 4px 14px rgba(0,0,0,.28);display:flex;align-items:center;justify-content:center;transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible{outline:3px solid var(--on-p);outline-offset:-7px}
.launcher svg{width:28px;height:28px;fill:currentColor}
.panel{bottom:92px;width:370px;height:min(580px,calc(100vh - 112px));display:flex;flex-direction:column;overflow:hidden;
 background:var(--bg);color:var(--fg);border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);font-size:15px;line-height:1.4;
 animation:rise .18s ease-out}
@keyframes rise{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
header{display:flex;align-items:center;gap:10px;padding:12px 12px 12px 16px;background:var(--p);color:var(--on-p)}
header img{width:32px;height:32px;border-radius:6px;object-fit:contain;background:#fff}
header h2{flex:1;margin:0;font-size:16px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.x{width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:inherit;font-size:24px;line-height:1;cursor:pointer}
.x:focus-visible{outline:2px solid var(--on-p);outline-offset:-2px}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;padding:9px 12px;border-radius:14px;white-space:normal;overflow-wrap:anywhere}
.agent{align-self:flex-start;background:var(--tint);border-bottom-left-radius:4px}
.user{align-self:flex-end;background:var(--p);color:var(--on-p);border-bottom-right-radius:4px}
.note{align-self:center;font-size:13px;opacity:.8;text-align:center}
.error{align-self:stretch;font-size:14px;padding:8px 10px;border-radius:8px;border:1px solid #C5221F;background:var(--bg);color:var(--fg)}
.notice{align-self:stretch;font-size:14px;padding:8px 10px;border-radius:8px;border:1px solid var(--line);background:var(--tint);color:var(--fg)}
.error button{margin-left:6px;font:inherit;font-weight:600;color:var(--fg);background:transparent;border:1px solid currentColor;border-radius:6px;padding:2px 8px;cursor:pointer}
.cta{align-self:flex-start;display:inline-block;padding:10px 18px;border-radius:22px;background:var(--p);color:var(--on-p);
 font-weight:700;text-decoration:none;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.dots i{display:inline-block;width:7px;height:7px;margin:0 2px;border-radius:50%;background:currentColor;opacity:.5;animation:blink 1.2s infinite}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--tint)}
input{flex:1;min-width:0;font-size:16px;padding:10px 12px;border:1px solid var(--line);border-radius:10px;background:var(--bg);color:var(--fg)}
.send{font-size:15px;font-weight:600;padding:0 16px;border:0;border-radius:10px;background:var(--p);color:var(--on-p);cursor:pointer}
input:focus-visible,.error button:focus-visible,.cta:focus-visible,.send:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
footer{padding:0 10px 8px;text-align:center;font-size:11px;opacity:.75}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{inset:0;left:0!important;right:0!important;bottom:0;width:100%;height:100%;border-radius:0}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}`;

  // ---- DOM helpers --------------------------------------------------------------------------
  /** Creates an element with attributes/properties and children (strings become text nodes). */
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.keys(props || {}).forEach((k) => {
      if (k === 'on') Object.keys(props.on).forEach((ev) => e.addEventListener(ev, props.on[ev]));
      else if (k in e && k !== 'type' && k !== 'role') e[k] = props[k];
      else e.setAttribute(k, props[k]);
    });
    children.forEach((c) => c != null && e.append(typeof c === 'string' ? document.createTextNode(c) : c));
    return e;
  }
  /** Text with its line breaks kept, as text nodes and <br>s. */
  function lines(text) {
    const f = document.createDocumentFragment();
    String(text || '').split('\n').forEach((l, i) => { if (i) f.append(el('br')); f.append(document.createTextNode(l)); });
    return f;
  }
  function chatIcon() {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9zm0 4v2h7v-2z');
    svg.append(p);
    return svg;
  }

  // ---- State --------------------------------------------------------------------------------
  let cfg, language, ui, conv = null, opened = false;
  let queue = Promise.resolve(); // turns run one at a time, in order (no concurrent-message conflicts)
  const enqueue = (fn) => (queue = queue.then(fn));
  const storage = {
    load() { try { return JSON.parse(sessionStorage.getItem(STORE)); } catch (e) { return null; } },
    save(c) { try { sessionStorage.setItem(STORE, JSON.stringify(c)); } catch (e) { /* storage blocked: no persistence */ } },
    clear() { try { sessionStorage.removeItem(STORE); } catch (e) { /* ignore */ } }
  };

  /** The conversation language: data-ngx-language, else <html lang>, when the agent speaks it; else the agent's default. */
  function pickLanguage() {
    const speaks = (l) => l && (cfg.languages || [cfg.language]).indexOf(l) >= 0;
    const primary = (v) => (v || '').trim().toLowerCase().split(/[-_]/)[0];
    const wanted = primary(script.getAttribute('data-ngx-language'));
    const page = primary(document.documentElement.getAttribute('lang'));
    return speaks(wanted) ? wanted : speaks(page) ? page : cfg.language || 'en';
  }

  // ---- UI -----------------------------------------------------------------------------------
  function build() {
    const brand = cfg.brand || {};
    const p = color(brand.primaryColor, '#1A73E8');
    const bg = color(brand.backgroundColor, '#FFFFFF');
    const fg = onColor(bg);
    const host = el('ngx-chat'); // a custom tag: page rules on div etc. cannot hide it
    const vars = { '--p': p, '--on-p': color(brand.textColor, onColor(p)), '--bg': bg, '--fg': fg,
      '--tint': fg === '#000000' ? 'rgba(0,0,0,.07)' : 'rgba(255,255,255,.14)', '--line': fg === '#000000' ? '#8a8a8a' : '#9a9a9a' };
    Object.keys(vars).forEach((k) => host.style.setProperty(k, vars[k]));
    const root = host.attachShadow({ mode: 'closed' });
    const name = cfg.title || cfg.agentName || '';
    const u = {};
    u.launcher = el('button', { type: 'button', className: 'launcher', 'aria-label': t('open'), 'aria-expanded': 'false',
      on: { click: () => (u.panel.hidden ? open() : close()) } }, chatIcon());
    u.log = el('div', { className: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    u.input = el('input', { type: 'text', placeholder: t('placeholder'), 'aria-label': t('placeholder'), maxLength: MAX_TEXT, autocomplete: 'off' });
    u.send = el('button', { type: 'submit', className: 'send' }, t('send'));
    const logo = brand.logoUrl && /^https?:\/\//i.test(brand.logoUrl) ? el('img', { src: brand.logoUrl, alt: '', referrerPolicy: 'no-referrer', on: { error: (e) => e.target.remove() } }) : null;
    u.panel = el('div', { className: 'panel', role: 'dialog', 'aria-label': t('chatWith', name), hidden: true,
      on: { keydown: (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } } } },
      el('header', {}, logo, el('h2', {}, name),
        el('button', { type: 'button', className: 'x', 'aria-label': t('close'), on: { click: close } }, el('span', { 'aria-hidden': 'true' }, '×'))),
      u.log,
      el('form', { on: { submit: (e) => { e.preventDefault(); const v = u.input.value; u.input.value = ''; send(v); } } }, u.input, u.send),
      cfg.platformBranding ? el('footer', {}, t('powered', cfg.platformName || 'NGX')) : null);
    root.append(el('style', {}, CSS), el('div', { className: brand.position === 'left' ? 'left' : 'right' }, u.launcher, u.panel));
    document.body.appendChild(host);
    return u;
  }

  const add = (node) => { ui.log.append(node); ui.log.scrollTop = ui.log.scrollHeight; return node; };
  const note = (text) => add(el('div', { className: 'note' }, text));
  function say(role, text) {
    const who = role === 'user' ? t('you') : cfg.agentName || '';
    return add(el('div', { className: 'msg ' + role }, el('span', { className: 'sr' }, who + ': '), lines(text)));
  }
  /** The typing indicator: three dots, announced once as "… is typing". */
  function typing(on) {
    if (on && ui.typing && ui.log.lastChild === ui.typing) return;
    if (ui.typing) { ui.typing.remove(); ui.typing = null; }
    if (on) {
      const dot = () => el('i', { 'aria-hidden': 'true' });
      ui.typing = add(el('div', { className: 'msg agent dots' }, dot(), dot(), dot(), el('span', { className: 'sr' }, t('typing', cfg.agentName || ''))));
    }
  }
  /**
   * A friendly error line with a retry button; never the server's raw problem. A 402 (the tenant's
   * plan allows no conversation now) shows its sentence instead, without a retry: trying again
   * would not help.
   */
  function fail(err, retry) {
    if (err.status === 402) {
      add(el('div', { className: 'notice', role: 'status' }, err.detail || t('unavailable')));
      return;
    }
    const text = err.status === 0 ? t('offline') : err.status === 429 ? t('busy', err.retryAfter || 10) : t('error');
    const line = add(el('div', { className: 'error' }, text + ' ')); // announced by the log
    line.append(el('button', { type: 'button', on: { click: () => { line.remove(); retry(); } } }, t('retry')));
  }

  /** Renders a turn: the reply, its call to action, and the conversation's status. */
  function turn(r) {
    if (r.reply) say('agent', r.reply);
    const cta = r.cta;
    if (cta && typeof cta.url === 'string' && /^https?:\/\//i.test(cta.url)) {
      const label = CTA_ACTIONS.indexOf(cta.action) >= 0 ? S[cta.action] : cta.label || String(cta.action || '');
      add(el('a', { className: 'cta', href: cta.url, target: '_blank', rel: 'noopener noreferrer',
        on: { click: () => { if (conv) call('POST', '/conversations/' + encodeURIComponent(conv.id) + '/events', { type: 'cta_taken' }, conv.token).catch(() => {}); } } }, label));
    }
    if (r.status === 'ended') { conv = null; storage.clear(); note(t('ended')); }
    else if (r.status === 'handed_off' && !(conv && conv.handedOff)) { if (conv) { conv.handedOff = true; storage.save(conv); } note(t('handedOff')); }
  }

  // ---- Conversation -------------------------------------------------------------------------
  /** The current conversation, started (with its opening reply shown) when there is none. Runs inside the queue. */
  async function ensure() {
    if (conv) return conv;
    const r = await call('POST', '/conversations', { language });
    conv = { id: r.id, token: r.token, language };
    storage.save(conv);
    typing(false);
    turn(r);
    return conv;
  }

  /** Starts the conversation with the typing indicator; failures offer a retry. */
  const begin = () => enqueue(async () => {
    typing(true);
    try { await ensure(); } catch (e) { fail(e, begin); } finally { typing(false); }
  });

  /** Shows a prospect message and queues its delivery. */
  function send(text) {
    text = String(text == null ? '' : text).trim().slice(0, MAX_TEXT);
    if (!text) return Promise.resolve();
    say('user', text);
    return deliver(text);
  }

  /** Posts a message; a 403/404 (expired or unknown conversation) starts a new one, once. */
  const deliver = (text) => enqueue(async () => {
    typing(true);
    const post = async () => {
      const c = await ensure();
      typing(true); // the opening reply (if any) cleared the indicator
      return call('POST', '/conversations/' + encodeURIComponent(c.id) + '/messages', { text }, c.token);
    };
    try {
      let r;
      try { r = await post(); } catch (e) {
        if (!conv || (e.status !== 403 && e.status !== 404)) throw e;
        conv = null; storage.clear();
        r = await post();
      }
      typing(false);
      turn(r);
    } catch (e) {
      typing(false);
      fail(e, () => deliver(text));
    }
  });

  /** Opens the panel; focus moves to the input unless the page opened it on load. */
  function open(auto) {
    ui.panel.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.launcher.setAttribute('aria-label', t('close'));
    if (auto !== true) ui.input.focus();
    if (opened) return;
    opened = true; // the conversation starts on first open, not on page load
    if (conv) note(t('continued'));
    else begin();
  }

  function close() {
    if (ui.panel.hidden) return;
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.setAttribute('aria-label', t('open'));
    ui.launcher.focus();
  }

  // ---- Boot ---------------------------------------------------------------------------------
  const domReady = new Promise((res) => (document.body ? res() : document.addEventListener('DOMContentLoaded', () => res(), { once: true })));
  const ready = call('GET', '/config').then((c) => domReady.then(() => {
    cfg = c || {};
    const stored = storage.load();
    language = stored && stored.language ? stored.language : pickLanguage();
    S = STRINGS[language] || STRINGS.en;
    if (stored && stored.id && stored.token) conv = stored;
    ui = build();
    if (script.getAttribute('data-ngx-open') === 'true') open(true);
  }));
  ready.catch((e) => { if (window.console) console.warn('NGX chat: the widget is unavailable (' + e.message + ')'); });

  /** The host page's API; calls made before the widget is ready wait for it. */
  window.NGXChat = {
    open: () => { ready.then(() => open(), () => {}); },
    close: () => { ready.then(close, () => {}); },
    send: (text) => { ready.then(() => { open(); return send(text); }, () => {}); }
  };
})();
