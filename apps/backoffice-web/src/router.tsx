// A small history router: the console has a handful of screens, each a URL the back-office app serves index.html for.
import { AnchorHTMLAttributes, MouseEvent, useEffect, useMemo, useState } from 'react';

const CHANGE = 'patron:navigate';

export const navigate = (to: string, options: { replace?: boolean } = {}) => {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
};

export interface Location {
  path: string;
  search: URLSearchParams;
}

export const useLocation = (): Location => {
  const read = () => location.pathname + location.search;
  const [url, setUrl] = useState(read);
  useEffect(() => {
    const update = () => setUrl(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    // A child's effect may have navigated before this listener existed (React runs children's effects first).
    update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return useMemo(() => {
    const at = url.indexOf('?');
    return at < 0 ? { path: url, search: new URLSearchParams() } : { path: url.slice(0, at), search: new URLSearchParams(url.slice(at)) };
  }, [url]);
};

/** `/customers/:reference` against `/customers/DE--1` gives `{ reference: 'DE--1' }`; null when it does not match. */
export const matchRoute = (pattern: string, path: string): Record<string, string> | null => {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      try {
        params[want[i].slice(1)] = decodeURIComponent(have[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== have[i]) return null;
  }
  return params;
};

export const Link = ({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) => {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
};

/** Replaces the current URL with `to` once rendered. */
export const Redirect = ({ to }: { to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};
