import { FormEvent, useEffect, useState } from 'react';
import { api, Customer, CustomerDetail, GENDERS, SALUTATIONS } from '../api';
import { ErrorMessage, Field, Loading, Notice, PageTitle, useLoad, useSubmit } from '../components';
import { fullName } from '../format';
import { profileChanges, ProfileForm, profileForm } from '../forms';
import { Link, navigate } from '../router';
import { useIsAdmin } from '../session';
import { customerPath } from './CustomerPage';
import { localeChoices, useSettings } from '../settings';

const SHOWN = ['salutation', 'firstName', 'lastName', 'email', 'gender', 'dateOfBirth', 'phone', 'company', 'locale', 'sendPasswordToken', 'defaultBillingAddress', 'defaultShippingAddress'];

/** Create a customer (no `reference`) or edit one. */
export const CustomerFormPage = ({ reference }: { reference?: string }) => {
  const isAdmin = useIsAdmin();
  const existing = useLoad(
    () => (reference ? api.get<{ data: CustomerDetail }>(`/api/customers/${encodeURIComponent(reference)}`) : Promise.resolve(null)),
    [reference],
  );
  const [form, setForm] = useState<ProfileForm>(profileForm());
  const [sendToken, setSendToken] = useState(true);
  const [billing, setBilling] = useState('');
  const [shipping, setShipping] = useState('');
  const [tokenSent, setTokenSent] = useState(false);
  const { busy, error, fields, submit } = useSubmit();
  const tokenAction = useSubmit();
  const customer = existing.data?.data;
  const settings = useSettings();

  // A new customer starts with the default locale (the API would pick it too); the form always shows a choice.
  useEffect(() => {
    if (!reference && settings.data) setForm((f) => (f.locale ? f : { ...f, locale: settings.data!.defaultLocale }));
  }, [reference, settings.data]);

  useEffect(() => {
    if (!customer) return;
    setForm(profileForm(customer));
    setBilling(customer.addresses.find((a) => a.isDefaultBilling)?.uuid ?? '');
    setShipping(customer.addresses.find((a) => a.isDefaultShipping)?.uuid ?? '');
  }, [customer]);

  if (!isAdmin)
    return (
      <section>
        <PageTitle>{reference ? 'Edit customer' : 'New customer'}</PageTitle>
        <div className="alert error" role="alert">
          <p>Only admins create or change customers.</p>
        </div>
      </section>
    );
  if (reference && existing.loading && !customer) return <Loading />;
  if (reference && existing.error) return <ErrorMessage error={existing.error} />;

  const set = (key: keyof ProfileForm) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      if (customer) {
        const changes: Record<string, unknown> = profileChanges(form, customer);
        const billingBefore = customer.addresses.find((a) => a.isDefaultBilling)?.uuid ?? '';
        const shippingBefore = customer.addresses.find((a) => a.isDefaultShipping)?.uuid ?? '';
        if (billing && billing !== billingBefore) changes.defaultBillingAddress = billing;
        if (shipping && shipping !== shippingBefore) changes.defaultShippingAddress = shipping;
        if (Object.keys(changes).length) await api.patch(`/api/customers/${encodeURIComponent(customer.reference)}`, changes);
        navigate(customerPath(customer.reference));
      } else {
        const created = await api.post<{ data: Customer }>('/api/customers', { ...profileChanges(form), sendPasswordToken: sendToken });
        navigate(customerPath(created.data.reference));
      }
    });
  };

  const sendPasswordToken = () =>
    tokenAction.submit(async () => {
      await api.post(`/api/customers/${encodeURIComponent(reference!)}/password-token`);
      setTokenSent(true);
    });

  const title = customer ? `Edit ${fullName(customer)}` : 'New customer';
  return (
    <section>
      <p className="breadcrumb">
        <Link href="/customers">Customers</Link> / {customer ? <Link href={customerPath(customer.reference)}>{customer.reference}</Link> : 'new'}
      </p>
      <PageTitle>{title}</PageTitle>
      <form className="card form" onSubmit={save} noValidate>
        <ErrorMessage error={error} shownFields={SHOWN} />
        <div className="grid">
          <Field label="Salutation" error={fields.salutation}>
            {(p) => (
              <select {...p} value={form.salutation} onChange={set('salutation')}>
                <option value="">—</option>
                {SALUTATIONS.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Gender" error={fields.gender}>
            {(p) => (
              <select {...p} value={form.gender} onChange={set('gender')}>
                <option value="">—</option>
                {GENDERS.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="First name" error={fields.firstName}>
            {(p) => <input {...p} value={form.firstName} onChange={set('firstName')} autoComplete="off" required />}
          </Field>
          <Field label="Last name" error={fields.lastName}>
            {(p) => <input {...p} value={form.lastName} onChange={set('lastName')} autoComplete="off" required />}
          </Field>
          <Field label="Email" error={fields.email} className="span-2" hint={customer ? 'A changed email applies at once.' : undefined}>
            {(p) => <input {...p} type="email" value={form.email} onChange={set('email')} autoComplete="off" required />}
          </Field>
          <Field label="Date of birth" error={fields.dateOfBirth}>
            {(p) => <input {...p} type="date" value={form.dateOfBirth} onChange={set('dateOfBirth')} />}
          </Field>
          <Field label="Locale" error={fields.locale} hint={customer ? undefined : 'Mails to the customer are written in it.'}>
            {(p) => (
              <select {...p} value={form.locale} onChange={set('locale')} disabled={!settings.data}>
                {!settings.data && <option value={form.locale}>{settings.error ? 'Locales could not be loaded' : 'Loading…'}</option>}
                {settings.data &&
                  localeChoices(settings.data.locales, form.locale).map((l) => (
                    <option key={l} value={l}>
                      {l}
                      {settings.data!.locales.includes(l) ? '' : ' (not configured)'}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label="Phone" error={fields.phone}>
            {(p) => <input {...p} type="tel" value={form.phone} onChange={set('phone')} />}
          </Field>
          <Field label="Company" error={fields.company}>
            {(p) => <input {...p} value={form.company} onChange={set('company')} />}
          </Field>
          {customer && customer.addresses.length > 0 && (
            <>
              <Field label="Default billing address" error={fields.defaultBillingAddress}>
                {(p) => (
                  <select {...p} value={billing} onChange={(e) => setBilling(e.target.value)}>
                    {!billing && <option value="">—</option>}
                    {customer.addresses.map((a) => (
                      <option key={a.uuid} value={a.uuid}>
                        {a.address1} {a.address2}, {a.city}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Default shipping address" error={fields.defaultShippingAddress}>
                {(p) => (
                  <select {...p} value={shipping} onChange={(e) => setShipping(e.target.value)}>
                    {!shipping && <option value="">—</option>}
                    {customer.addresses.map((a) => (
                      <option key={a.uuid} value={a.uuid}>
                        {a.address1} {a.address2}, {a.city}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
        </div>
        {!customer && (
          <label className="check">
            <input type="checkbox" checked={sendToken} onChange={(e) => setSendToken(e.target.checked)} />
            Send password token (mails the customer a link to set their password)
          </label>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : customer ? 'Save changes' : 'Create customer'}
          </button>
          <Link href={customer ? customerPath(customer.reference) : '/customers'} className="button">
            Cancel
          </Link>
        </div>
      </form>
      {customer && (
        <section className="card">
          <h2>Password</h2>
          <p className="muted">The customer gets a mail with a link to choose a new password; their current password stays valid until then.</p>
          <ErrorMessage error={tokenAction.error} />
          {tokenSent && <Notice>A link to set a password was mailed to {customer.email}.</Notice>}
          <button type="button" onClick={sendPasswordToken} disabled={tokenAction.busy}>
            Send password token
          </button>
        </section>
      )}
    </section>
  );
};
