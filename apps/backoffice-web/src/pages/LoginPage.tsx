import { FormEvent, useState } from 'react';
import { api, Staff } from '../api';
import { ErrorMessage, Field, PageTitle, useSubmit } from '../components';

interface LoginAnswer {
  accessToken: string;
  user: { id: number; email: string; name: string; role: Staff['role'] };
}

export const LoginPage = ({ onSignedIn }: { onSignedIn: (token: string, staff: Staff) => void }) => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, fields, submit } = useSubmit();

  const logIn = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      const answer = await api.post<LoginAnswer>('/api/auth/login', { email, password });
      onSignedIn(answer.accessToken, { userId: answer.user.id, name: answer.user.name, role: answer.user.role });
    });
  };

  return (
    <main id="main" className="login">
      <form className="card" onSubmit={logIn} noValidate>
        <PageTitle>Patron back office</PageTitle>
        <p className="muted">Sign in with your staff account.</p>
        <ErrorMessage error={error} shownFields={['email', 'password']} />
        <Field label="Email" error={fields.email}>
          {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label="Password" error={fields.password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
        </Field>
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
};
