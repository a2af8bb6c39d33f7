// Progressive enhancement only: every page works without this file.
document.addEventListener('submit', event => {
  const button = event.submitter;
  const question = button && button.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
