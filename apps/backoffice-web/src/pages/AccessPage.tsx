import { FormEvent, useEffect, useState } from 'react';
import { AccessSetting, api } from '../api';
import { ErrorMessage, Loading, Notice, PageTitle, useLoad, useSubmit } from '../components';
import { humanize } from '../format';
import { useIsAdmin } from '../session';

/** Which storefront content types guests (shoppers who are not logged in) may not see. */
export const AccessPage = () => {
  const isAdmin = useIsAdmin();
  const settings = useLoad(() => api.get<{ data: AccessSetting[] }>('/api/customer-access'), []);
  const [restricted, setRestricted] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmit();

  useEffect(() => {
    if (settings.data) setRestricted(Object.fromEntries(settings.data.data.map((s) => [s.contentType, s.isRestricted])));
  }, [settings.data]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void submit(async () => {
      await api.put('/api/customer-access', restricted);
      setSaved(true);
      settings.reload();
    });
  };

  return (
    <section>
      <PageTitle>Guest access</PageTitle>
      <p className="muted">A restricted content type is hidden from guests in the storefront until they log in.</p>
      <ErrorMessage error={settings.error ?? error} />
      {saved && <Notice onClose={() => setSaved(false)}>Guest access saved.</Notice>}
      {settings.loading && !settings.data && <Loading />}
      {settings.data && (
        <form className="card form" onSubmit={save}>
          <fieldset disabled={!isAdmin || busy}>
            <legend>Restricted for guests</legend>
            {settings.data.data.length === 0 && <p className="empty">No content types are configured.</p>}
            {settings.data.data.map((s) => (
              <label key={s.contentType} className="check access-row">
                <input
                  type="checkbox"
                  checked={restricted[s.contentType] ?? false}
                  onChange={(e) => setRestricted({ ...restricted, [s.contentType]: e.target.checked })}
                />
                <span>
                  <strong>{humanize(s.contentType)}</strong>
                  {s.resourceTypes.length > 0 && <small className="muted"> hides {s.resourceTypes.join(', ')}</small>}
                </span>
              </label>
            ))}
          </fieldset>
          {isAdmin ? (
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save'}
              </button>
            </div>
          ) : (
            <p className="muted">Only admins change these settings.</p>
          )}
        </form>
      )}
    </section>
  );
};
