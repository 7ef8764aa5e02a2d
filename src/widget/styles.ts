/**
 * The widget's stylesheet, injected into its shadow root so host pages cannot restyle it (and it cannot
 * restyle them). Logical properties keep it right-to-left ready. Colour pairs meet WCAG AA (4.5:1 for text,
 * 3:1 for controls and focus rings); a host may set --ow-accent on the host element, keeping that contrast.
 */
export const styles = `
:host { all: initial; }
.root {
  --accent: var(--ow-accent, #1d4ed8);
  --accent-text: #ffffff;
  --text: #111827;
  --muted: #4b5563;
  --surface: #ffffff;
  --bot-bg: #eef2f7;
  --line: #94a3b8;
  --error-bg: #fef2f2;
  --error-text: #991b1b;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text);
  text-align: start;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.sr-only {
  position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; margin: -1px; padding: 0; border: 0;
}
.launcher {
  position: fixed; inset-block-end: 20px; inset-inline-end: 20px; z-index: 2147483646;
  inline-size: 60px; block-size: 60px; border-radius: 50%; border: 2px solid #ffffff;
  background: var(--accent); color: var(--accent-text); cursor: pointer;
  display: grid; place-items: center; box-shadow: 0 6px 20px rgb(15 23 42 / 0.3);
}
.launcher svg { inline-size: 28px; block-size: 28px; }
.panel {
  position: fixed; inset-block-end: 92px; inset-inline-end: 20px; z-index: 2147483647;
  inline-size: min(380px, calc(100vw - 40px)); block-size: min(680px, calc(100vh - 112px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--surface); border-radius: 16px; border: 1px solid #cbd5e1;
  box-shadow: 0 12px 40px rgb(15 23 42 / 0.28);
}
@media (max-width: 480px) {
  .panel { inset: 0; inline-size: 100%; block-size: 100%; border-radius: 0; border: 0; }
  .panel-open .launcher { display: none; }
}
.header {
  display: flex; align-items: center; gap: 8px; padding-block: 12px; padding-inline: 16px 8px;
  background: var(--accent); color: var(--accent-text);
}
.header-text { flex: 1; min-inline-size: 0; }
.title { margin: 0; font-size: 16px; font-weight: 700; }
.subtitle { margin: 0; font-size: 13px; }
.header button {
  background: transparent; border: 1px solid rgb(255 255 255 / 0.7); color: var(--accent-text);
  border-radius: 8px; padding-block: 6px; padding-inline: 10px; cursor: pointer; font-size: 13px;
}
.header .icon-button { border-color: transparent; font-size: 20px; line-height: 1; padding-inline: 8px; }
.header :focus-visible { outline-color: #ffffff; }
.progress { padding-block: 8px; padding-inline: 16px; border-block-end: 1px solid #e2e8f0; }
.progress-track { block-size: 8px; border-radius: 4px; background: #e2e8f0; overflow: hidden; }
.progress-fill { block-size: 100%; background: var(--accent); transition: inline-size 0.3s ease; }
.continue-toggle { margin: 0 16px 8px; padding: 4px 8px; font: inherit; font-size: 12px; color: var(--accent); background: none; border: 1px solid #cbd5e1; border-radius: 6px; cursor: pointer; align-self: flex-start; }
.continue { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; margin: 0 16px 8px; font-size: 12px; }
.continue-code { font-family: ui-monospace, monospace; letter-spacing: 0.1em; }
.continue-link { color: var(--accent); }
.progress-text { font-size: 12px; color: var(--muted); margin-block-start: 4px; }
.log {
  flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; position: relative;
  overscroll-behavior: contain;
}
.lines { display: flex; flex-direction: column; gap: 8px; }
.msg { max-inline-size: 85%; padding-block: 8px; padding-inline: 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: var(--bot-bg); border-end-start-radius: 4px; }
.msg.user { align-self: flex-end; background: var(--accent); color: var(--accent-text); border-end-end-radius: 4px; }
.msg-note { display: block; font-size: 12px; margin-block-start: 2px; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; margin-block-start: 2px; }
.choice {
  background: var(--surface); color: var(--accent); border: 2px solid var(--accent); border-radius: 999px;
  padding-block: 6px; padding-inline: 14px; cursor: pointer; font-weight: 600;
}
.choice:hover { background: #eff6ff; }
.typing { align-self: flex-start; display: flex; gap: 4px; padding: 12px; background: var(--bot-bg); border-radius: 14px; }
.typing i { inline-size: 8px; block-size: 8px; border-radius: 50%; background: var(--muted); animation: ow-bounce 1.2s infinite; }
.typing i:nth-child(2) { animation-delay: 0.15s; }
.typing i:nth-child(3) { animation-delay: 0.3s; }
@keyframes ow-bounce { 0%, 60%, 100% { transform: none; opacity: 0.5; } 30% { transform: translateY(-4px); opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing i { animation: none; } .progress-fill { transition: none; } }
.error {
  margin-inline: 16px; margin-block-end: 8px; padding: 10px 12px; border-radius: 10px;
  background: var(--error-bg); color: var(--error-text); display: flex; gap: 8px; align-items: center;
  border: 1px solid #fca5a5;
}
.error p { margin: 0; flex: 1; }
.error button, .primary {
  background: var(--accent); color: var(--accent-text); border: 0; border-radius: 8px;
  padding-block: 8px; padding-inline: 14px; cursor: pointer; font-weight: 600;
}
.composer { display: flex; gap: 8px; padding: 12px; border-block-start: 1px solid #e2e8f0; }
.composer input {
  flex: 1; min-inline-size: 0; padding-block: 10px; padding-inline: 12px; border: 1px solid #64748b;
  border-radius: 10px; background: var(--surface);
}
.composer input:focus-visible { outline-offset: 0; }
.composer .photo {
  display: inline-flex; align-items: center; padding-inline: 12px; border: 1px solid var(--accent); border-radius: 8px;
  color: var(--accent); cursor: pointer; font-weight: 600;
}
.composer .photo:focus-within { outline: 2px solid var(--accent); outline-offset: 2px; }
.composer input::placeholder { color: #6b7280; }
.composer button[aria-disabled="true"] { opacity: 0.75; cursor: progress; }
.profile { align-self: stretch; border: 1px solid #cbd5e1; border-radius: 14px; padding: 12px; }
.profile h3 { margin: 0 0 8px; font-size: 16px; }
.profile h4 { margin: 12px 0 4px; font-size: 14px; }
.profile p { margin: 0 0 8px; }
.wheel { display: block; inline-size: 100%; max-inline-size: 260px; margin-inline: auto; direction: ltr; }
.positions { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; font-size: 14px; }
.glyph { display: inline-block; inline-size: 1.3em; color: #1e3a8a; }
`;
