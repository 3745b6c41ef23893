import Handlebars from 'handlebars';
import type { MailboxEntry } from '@patron/mail';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text; unlike Handlebars' own escaping it keeps `=` readable in links. */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Escaped text with every http(s) URL made a link. */
const linkify = (text: string): Handlebars.SafeString =>
  new Handlebars.SafeString(escape(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`));

const page = Handlebars.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Patron mailbox</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  h1 { font-size: 1.4rem; } .meta { color: #666; font-size: .85rem; }
  article { border: 1px solid #ddd; border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; }
  pre { white-space: pre-wrap; word-break: break-word; font: inherit; margin: .5rem 0 0; }
  .empty { color: #666; }
</style></head><body>
<h1>Patron mailbox</h1>
<p class="meta">The latest {{entries.length}} mail(s), newest first, from {{origin}}. Development only.</p>
{{#each entries}}
<article>
  <strong>{{subject}}</strong>
  <div class="meta">to {{to}} · {{sentAt}}{{#if status}} · {{status}}{{/if}} · {{source}}</div>
  {{#if text}}<pre>{{linkify text}}</pre>{{/if}}
</article>
{{else}}
<p class="empty">No mail yet. Register a customer through the storefront API and its confirmation mail shows up here.</p>
{{/each}}
</body></html>`);

export const renderMailboxPage = (entries: MailboxEntry[], origin: string): string =>
  page(
    { entries: entries.map((e) => ({ ...e, sentAt: e.sentAt.toISOString() })), origin },
    { helpers: { linkify } },
  );
