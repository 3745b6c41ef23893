import { FormEvent, useEffect, useState } from 'react';
import { api, CustomerDetail, SALUTATIONS } from '../api';
import { ConfirmDialog, ErrorMessage, Field, Loading, PageTitle, useLoad, useSubmit } from '../components';
import { COUNTRIES } from '../countries';
import { addressChanges, AddressForm, addressForm } from '../forms';
import { fullName } from '../format';
import { Link, navigate } from '../router';
import { customerPath } from './CustomerPage';

const SHOWN = ['salutation', 'firstName', 'lastName', 'company', 'address1', 'address2', 'address3', 'zipCode', 'city', 'iso2Code', 'phone', 'isDefaultBilling', 'isDefaultShipping'];

/** Add an address to a customer (no `uuid`) or edit / delete one. */
export const AddressFormPage = ({ reference, uuid }: { reference: string; uuid?: string }) => {
  const customer = useLoad(() => api.get<{ data: CustomerDetail }>(`/api/customers/${encodeURIComponent(reference)}`), [reference]);
  const c = customer.data?.data;
  const address = uuid ? c?.addresses.find((a) => a.uuid === uuid) : undefined;
  const [form, setForm] = useState<AddressForm>(addressForm());
  const [deleting, setDeleting] = useState(false);
  const { busy, error, fields, submit } = useSubmit();
  const base = `/api/customers/${encodeURIComponent(reference)}/addresses`;

  useEffect(() => {
    if (!c) return;
    const initial = addressForm(address, c);
    if (!address) {
      // A first address becomes both defaults anyway; suggest the country of the customer's locale.
      const country = c.locale.split('_')[1];
      if (country && COUNTRIES.some((x) => x.code === country)) initial.iso2Code = country;
      initial.isDefaultBilling = initial.isDefaultShipping = c.addresses.length === 0;
    }
    setForm(initial);
  }, [c, address]);

  if (customer.loading && !c) return <Loading />;
  if (customer.error) return <ErrorMessage error={customer.error} />;
  if (uuid && !address)
    return (
      <section>
        <PageTitle>Address not found</PageTitle>
        <Link href={customerPath(reference)}>Back to the customer</Link>
      </section>
    );

  const set = (key: keyof AddressForm) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const check = (key: 'isDefaultBilling' | 'isDefaultShipping') => (event: { target: { checked: boolean } }) => setForm({ ...form, [key]: event.target.checked });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      if (address) {
        const changes = addressChanges(form, address);
        if (Object.keys(changes).length) await api.patch(`${base}/${address.uuid}`, changes);
      } else await api.post(base, addressChanges(form));
      navigate(customerPath(reference));
    });
  };

  const text = (key: keyof AddressForm, label: string, extra: { hint?: string; autoComplete?: string; className?: string } = {}) => (
    <Field label={label} error={fields[key]} hint={extra.hint} className={extra.className}>
      {(p) => <input {...p} value={form[key] as string} onChange={set(key)} autoComplete={extra.autoComplete ?? 'off'} />}
    </Field>
  );

  return (
    <section>
      <p className="breadcrumb">
        <Link href="/customers">Customers</Link> / <Link href={customerPath(reference)}>{reference}</Link> / {address ? 'edit address' : 'new address'}
      </p>
      <PageTitle>
        {address ? 'Edit address' : 'New address'} <span className="muted">for {fullName(c!)}</span>
      </PageTitle>
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
          {text('company', 'Company')}
          {text('firstName', 'First name')}
          {text('lastName', 'Last name')}
          {text('address1', 'Street')}
          {text('address2', 'House number')}
          {text('address3', 'Address line 3', { className: 'span-2', hint: 'Optional: floor, c/o, …' })}
          {text('zipCode', 'Postal code')}
          {text('city', 'City')}
          <Field label="Country" error={fields.iso2Code}>
            {(p) => (
              <select {...p} value={form.iso2Code} onChange={set('iso2Code')}>
                <option value="">Choose a country…</option>
                {COUNTRIES.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('phone', 'Phone')}
        </div>
        <label className="check">
          <input type="checkbox" checked={form.isDefaultBilling} onChange={check('isDefaultBilling')} disabled={address?.isDefaultBilling} />
          Default billing address
        </label>
        <label className="check">
          <input type="checkbox" checked={form.isDefaultShipping} onChange={check('isDefaultShipping')} disabled={address?.isDefaultShipping} />
          Default shipping address
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : address ? 'Save address' : 'Add address'}
          </button>
          <Link href={customerPath(reference)} className="button">
            Cancel
          </Link>
          {address && (
            <button type="button" className="danger push-right" onClick={() => setDeleting(true)}>
              Delete address
            </button>
          )}
        </div>
      </form>
      {deleting && address && (
        <ConfirmDialog
          title="Delete this address?"
          confirmLabel="Delete address"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`${base}/${address.uuid}`);
            navigate(customerPath(reference));
          }}
        >
          <p>
            {address.address1} {address.address2}, {address.zipCode} {address.city}, {address.country}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
};
