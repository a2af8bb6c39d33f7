// Progressive enhancement only: every page works without this file.
'use strict';

// Buttons that ask before they act (deleting an article).
document.addEventListener('submit', event => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Favorite and follow buttons act in place, without reloading the page: the form is posted in
// the background, exactly as without this script, and the parts of the page it changes (marked
// data-swap) are taken from the page the post leads to. Anything unexpected falls back to the
// ordinary post, which shows the visitor what happened.
document.addEventListener('submit', async event => {
  const form = event.target;
  if (event.defaultPrevented || !form.matches('form[data-swap]') || !window.fetch || !window.DOMParser) {
    return;
  }
  event.preventDefault();
  const selector = '[data-swap="' + CSS.escape(form.dataset.swap) + '"]';
  const hadFocus = form.contains(document.activeElement);
  const button = form.querySelector('button');
  if (button) {
    button.setAttribute('aria-busy', 'true');
  }
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    if (!response.ok || !response.redirected) {
      throw new Error('unexpected answer ' + response.status);
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.querySelectorAll(selector);
    const stale = document.querySelectorAll(selector);
    if (fresh.length === 0 || fresh.length !== stale.length) {
      throw new Error('the page changed shape');
    }
    stale.forEach((old, i) => old.replaceWith(document.adoptNode(fresh[i])));
    const replacement = document.querySelector(selector + ' button');
    if (hadFocus && replacement) {
      replacement.focus();
    }
  } catch (failure) {
    HTMLFormElement.prototype.submit.call(form);
  }
});
