// The signed-out staff page: the first instructor's set-up (with ?setup=<token>), where the token is when it
// is needed but missing, or the sign-in form. Calls onSignedIn({username, role}) once someone is signed in.

import { showError, showErrorKey, whileBusy } from '../page-form.js';
import { setUpFirstInstructor, setupNeeded, signIn } from './api.js';
import { accountProblem } from './validation.js';

const $ = (id) => document.getElementById(id);

export class SignInView {
  constructor(onSignedIn) {
    this.onSignedIn = onSignedIn;
    this.setupToken = new URLSearchParams(location.search).get('setup');
    this.ui = {
      setup: $('setup-section'),
      setupForm: $('setup-form'),
      setupUsername: $('setup-username'),
      setupPassword: $('setup-password'),
      setupRepeat: $('setup-password2'),
      setupError: $('setup-error'),
      tokenNeeded: $('setup-token-needed'),
      signIn: $('sign-in-section'),
      signInForm: $('sign-in-form'),
      username: $('sign-in-username'),
      password: $('sign-in-password'),
      signInError: $('sign-in-error'),
    };
    this.ui.setupForm.addEventListener('submit', (event) => this.setUp(event));
    this.ui.signInForm.addEventListener('submit', (event) => this.signIn(event));
  }

  /** Shows what a signed-out visitor needs: set-up, where the token is, or sign-in. */
  async show() {
    let needed = false;
    try {
      needed = await setupNeeded();
    } catch (error) {
      showError(this.ui.signInError, error.message);
    }
    this.ui.setup.hidden = !(needed && this.setupToken);
    this.ui.tokenNeeded.hidden = !(needed && !this.setupToken);
    this.ui.signIn.hidden = needed;
    (needed ? this.ui.setupUsername : this.ui.username).focus();
  }

  hide() {
    this.ui.setup.hidden = true;
    this.ui.tokenNeeded.hidden = true;
    this.ui.signIn.hidden = true;
    this.ui.password.value = '';
  }

  async setUp(event) {
    event.preventDefault();
    const { ui } = this;
    const username = ui.setupUsername.value.trim();
    const problem = accountProblem(username, ui.setupPassword.value, ui.setupRepeat.value);
    if (problem) {
      showErrorKey(ui.setupError, problem);
      return;
    }
    showError(ui.setupError, null);
    await whileBusy(ui.setupForm, async () => {
      try {
        const me = await setUpFirstInstructor(this.setupToken, username, ui.setupPassword.value);
        // The token is spent: out of the address bar and the history.
        history.replaceState(null, '', location.pathname);
        this.setupToken = null;
        ui.setupPassword.value = '';
        ui.setupRepeat.value = '';
        this.onSignedIn(me);
      } catch (error) {
        showError(ui.setupError, error.message);
        if (error.status === 409) this.show(); // An instructor exists by now: sign in instead.
      }
    });
  }

  async signIn(event) {
    event.preventDefault();
    const { ui } = this;
    const username = ui.username.value.trim();
    if (!username || !ui.password.value) {
      showErrorKey(ui.signInError, 'signIn.missing');
      return;
    }
    showError(ui.signInError, null);
    await whileBusy(ui.signInForm, async () => {
      try {
        const me = await signIn(username, ui.password.value);
        ui.password.value = '';
        this.onSignedIn(me);
      } catch (error) {
        showError(ui.signInError, error.message);
        ui.password.select();
      }
    });
  }
}
