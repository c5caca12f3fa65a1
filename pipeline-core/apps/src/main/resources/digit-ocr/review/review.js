// digit-ocr review: keyboard for the fields view, clicks for the by-class view. Served from the station itself.
document.addEventListener('DOMContentLoaded', () => {
  const value = document.getElementById('value');
  if (value) {
    value.focus();
    value.select();
  }
  document.addEventListener('keydown', e => {
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      const a = document.getElementById(e.key === 'PageDown' ? 'next' : 'prev');
      if (a) {
        e.preventDefault();
        location.href = a.href;
      }
    } else if (e.altKey && e.key.toLowerCase() === 's' && value && value.dataset.suggestion) {
      e.preventDefault();
      value.value = value.dataset.suggestion;
      value.select();
    }
  });
  for (const tile of document.querySelectorAll('.tile')) {
    const pick = tile.querySelector('.pick');
    const fix = tile.querySelector('.fix');
    pick.addEventListener('click', () => {
      const wrong = tile.classList.toggle('wrong');
      fix.hidden = !wrong;
      if (wrong) {
        fix.focus();
      } else {
        fix.value = '';
      }
    });
  }
  const screen = document.getElementById('screen');
  if (screen) {
    // Enter anywhere on the screen confirms it (inside a digit's box the form submits by itself)
    document.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !(e.target instanceof HTMLInputElement) && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        screen.requestSubmit();
      }
    });
  }
});
