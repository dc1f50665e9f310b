// What only the browser can do, on every page of inkl. It lives in the page template, not in
// scripts the kernel sends while the notebook runs: Voilà mirrors such a script's output widget
// during the run, and about one page in 25 then never finished rendering.
(() => {
  // The loading screen speaks the language the app was last shown in; the kernel has not said
  // anything yet, so the page remembers it (in this browser) from the last page shown.
  const LOADING = 'inkl-loading';
  window.inklLoadingText = () => {
    let known = null;
    try {
      known = JSON.parse(window.localStorage.getItem(LOADING) || 'null');
    } catch (error) { /* storage refused: the spinner alone */ }
    const text = document.getElementById('loading_text');
    if (!known || !text) return;
    text.textContent = known.text;
    document.documentElement.lang = known.lang;
  };
  const rememberLoadingText = (meta) => {
    if (!meta.dataset.loading || meta.dataset.remembered) return;
    meta.dataset.remembered = 'yes';
    try {
      const known = {lang: meta.dataset.lang, text: meta.dataset.loading};
      window.localStorage.setItem(LOADING, JSON.stringify(known));
    } catch (error) { /* storage refused */ }
  };

  // Leaving a page shuts its kernel down, which Voilà refuses without its request-forgery cookie.
  const askForCookie = () => {
    if (document.cookie.includes('_xsrf=')) return;
    const base = document.body.dataset.baseUrl || '/voila/';
    fetch(base + 'tree', {credentials: 'same-origin'}).catch(() => {});
  };

  // A phone's votes belong to this browser (widgets/voter.py): a random id, made once and kept
  // in its storage, so that a reload keeps them its own. Where storage is refused (private
  // browsing) the id lasts this page load. getRandomValues, not randomUUID: a phone on the
  // local network opens the page over http, where randomUUID does not exist.
  const VOTER = 'inkl-voter';
  let pageVoter = null;
  const voterId = () => {
    const made = () => [...crypto.getRandomValues(new Uint8Array(16))]
      .map((byte) => byte.toString(16).padStart(2, '0')).join('');
    try {
      const kept = window.localStorage.getItem(VOTER);
      if (/^[0-9a-f]{32}$/.test(kept || '')) return kept;
      const fresh = made();
      window.localStorage.setItem(VOTER, fresh);
      return fresh;
    } catch (error) {
      pageVoter = pageVoter || made();
      return pageVoter;
    }
  };

  // A hidden field reaches the kernel like a typed value.
  const report = (field, value) => {
    const input = field.querySelector('input');
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event('input', {bubbles: true}));
  };

  const settle = () => {
    const meta = document.querySelector('.inkl-page-meta');
    if (meta && document.documentElement.lang !== meta.dataset.lang) {
      document.documentElement.lang = meta.dataset.lang;
    }
    if (meta && document.title !== meta.dataset.title) document.title = meta.dataset.title;
    if (meta) rememberLoadingText(meta);
    // Status lines stay in place while their text changes: a replaced role=status element is
    // often not announced.
    document.querySelectorAll('.inkl-live:not([aria-live])').forEach((element) => {
      element.setAttribute('role', 'status');
      element.setAttribute('aria-live', 'polite');
    });
    // A file made on a click downloads at once (widgets/downloads.py): its new link is clicked
    // once, and stays in the page to fetch the file again.
    document.querySelectorAll('a[data-inkl-download]:not([data-clicked])').forEach((link) => {
      link.dataset.clicked = 'yes';
      link.click();
    });
    // An address ending in #inkl-<part> (a new workbook's #inkl-meeting) brings that part of
    // the page into view once it is there, with the focus on its heading.
    const wanted = window.location.hash.match(/^#(inkl-[\w-]+)$/);
    if (wanted && !document.body.dataset.arrived) {
      const part = document.querySelector(`.inkl-page .${wanted[1]}`);
      const heading = part && part.querySelector('h1, h2, h3');
      if (heading) {
        document.body.dataset.arrived = 'yes';
        heading.tabIndex = -1;
        heading.scrollIntoView({block: 'start'});
        heading.focus({preventScroll: true});
      }
    }
    // On a phone the stepper scrolls sideways: show the current page's place in it whenever
    // the stepper's size changes (the page laid out, a phone turned), not while one scrolls it.
    document.querySelectorAll('.inkl-stepper:not([data-placed])').forEach((stepper) => {
      stepper.dataset.placed = 'yes';
      new ResizeObserver((_entries, observer) => {
        if (!stepper.isConnected) {
          observer.disconnect(); // a refreshed stepper replaced this one
          return;
        }
        const current = stepper.querySelector('.inkl-current');
        if (!current || !stepper.clientWidth) return;
        const offset = current.getBoundingClientRect().left - stepper.getBoundingClientRect().left;
        stepper.scrollLeft += offset - 16;
      }).observe(stepper);
    });
    // A button whose text is the same for every item ("Stem") is named by its tooltip, which
    // says which item (widgets/binding.py: NAMED_BY_TOOLTIP); ipywidgets has no aria-label.
    document.querySelectorAll('.inkl-page button.inkl-named-by-tooltip[title]').forEach((named) => {
      const name = named.getAttribute('title');
      if (name && named.getAttribute('aria-label') !== name) named.setAttribute('aria-label', name);
    });
    // ipywidgets writes how many files were chosen after an upload button's text: "(0)".
    document.querySelectorAll('.inkl-page button.widget-upload').forEach((upload) => {
      upload.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE && / \(\d+\)$/.test(node.data)) {
          node.data = node.data.replace(/ \(\d+\)$/, '');
        }
      });
    });
    // Reported once the page is painted, when the widgets are connected to the kernel.
    const reports = {
      address: () => window.location.search || '?',
      shown: () => 'shown',
      voter: voterId,
    };
    Object.entries(reports).forEach(([name, value]) => {
      document.querySelectorAll(`.inkl-report-${name}:not([data-reported])`).forEach((field) => {
        field.dataset.reported = 'soon';
        requestAnimationFrame(() => requestAnimationFrame(() => report(field, value())));
      });
    });
    settleDeck();
    refocusAfterShowAgain();
    const face = document.querySelector('.inkl-clock-face:not([data-seen])');
    if (face) face.dataset.seen = String(Date.now() / 1000);
  };


  // The meeting view (06_moede): the browser shows one screen at a time and moves on at a key
  // or a button without asking the kernel, then reports the new screen so the workbook keeps it.
  const deck = {
    screens: () => [...document.querySelectorAll('.inkl-deck > .inkl-screen')],
    current: () => deck.screens().findIndex((s) => s.classList.contains('inkl-shown')),
    stepOf: (screen) => screen.querySelector('.inkl-screen-step')?.dataset.step || '',
    show(index, focus = true) {
      const screens = deck.screens();
      if (!screens.length) return;
      index = Math.max(0, Math.min(index, screens.length - 1));
      screens.forEach((s, i) => s.classList.toggle('inkl-shown', i === index));
      const screen = screens[index];
      const step = deck.stepOf(screen);
      document.querySelectorAll('.inkl-countdown').forEach((c) => {
        c.hidden = c.dataset.step !== step;
      });
      const position = document.querySelector('.inkl-deck-position');
      if (position) {
        position.textContent = position.dataset.template.replace('{number}', index + 1);
      }
      const prev = document.querySelector('.inkl-deck-prev');
      const next = document.querySelector('.inkl-deck-next');
      if (prev) prev.disabled = index === 0;
      if (next) next.disabled = index === screens.length - 1;
      const field = document.querySelector('.inkl-report-screen');
      const id = screen.querySelector('.inkl-screen-step')?.dataset.screen;
      if (field && id && field.querySelector('input')?.value !== id) report(field, id);
      if (focus) {
        const heading = screen.querySelector('h2');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus({preventScroll: true});
        }
        // Voilà's page scrolls in #rendered_cells, not in the window
        document.getElementById('rendered_cells')?.scrollTo(0, 0);
      }
      tickClocks();
    },
    move(by) {
      deck.show(by === 'home' ? 0 : deck.current() + by);
    },
  };

  const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], .widget-dropdown';
  const onKey = (event) => {
    if (!document.querySelector('.inkl-deck') || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest && target.closest(TYPING)) return;
    const onControl = target.closest && target.closest('button, a, summary, [role="button"]');
    let by = null;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') by = 1;
    else if (event.key === ' ' && !onControl && !event.shiftKey) by = 1;
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') by = -1;
    else if (event.key === 'Home') by = 'home';
    if (by === null) return;
    event.preventDefault();
    deck.move(by);
  };

  const onClick = (event) => {
    const target = event.target.closest && event.target.closest('button');
    if (!target) return;
    if (target.matches('.inkl-goto')) deck.show(Number(target.dataset.goto));
    else if (target.matches('.inkl-deck-prev')) deck.move(-1);
    else if (target.matches('.inkl-deck-next')) deck.move(1);
    else if (target.matches('.inkl-deck-home')) deck.move('home');
  };

  // Clocks: the kernel writes the stored moments and its own time (data-now); the time since is
  // counted here, so a reload or a second tab shows the same time and the kernel sends nothing.
  const two = (n) => String(n).padStart(2, '0');
  const clockText = (seconds) => {
    const whole = Math.max(Math.floor(seconds), 0);
    const hours = Math.floor(whole / 3600);
    const rest = `${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}`;
    return hours ? `${hours}:${rest}` : rest;
  };
  const setText = (element, text) => {
    if (element && element.textContent !== text) element.textContent = text;
  };
  const announced = new Set();
  const liveRegion = () => {
    let region = document.querySelector('#inkl-time-up-region');
    if (!region) {
      region = document.createElement('div');
      region.id = 'inkl-time-up-region';
      region.setAttribute('role', 'alert');
      region.className = 'inkl-visually-hidden';
      region.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)';
      document.body.appendChild(region);
    }
    return region;
  };
  const beep = () => {
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch (error) { /* no sound on this device */ }
  };
  const tickClocks = () => {
    const face = document.querySelector('.inkl-clock-face');
    if (!face) return;
    if (!face.dataset.seen) face.dataset.seen = String(Date.now() / 1000);
    const now = Number(face.dataset.now) + (Date.now() / 1000 - Number(face.dataset.seen));
    const meeting = face.querySelector('.inkl-meeting-clock');
    if (meeting && Number(meeting.dataset.start)) {
      const elapsed = now - Number(meeting.dataset.start);
      setText(meeting.querySelector('.inkl-elapsed'), clockText(elapsed));
      setText(meeting.querySelector('.inkl-remaining'),
        clockText(Number(meeting.dataset.minutes) * 60 - elapsed));
    }
    face.querySelectorAll('.inkl-countdown').forEach((countdown) => {
      const started = Number(countdown.dataset.started);
      if (!started) return;
      const until = Number(countdown.dataset.paused) || now;
      const left = Number(countdown.dataset.seconds) - (until - started);
      setText(countdown.querySelector('.inkl-left'), clockText(left));
      if (left > 0) return;
      if (!countdown.classList.contains('inkl-time-up')) countdown.classList.add('inkl-time-up');
      setText(countdown.querySelector('.inkl-up-text'), countdown.dataset.up);
      const key = `${countdown.dataset.step}:${started}:${countdown.dataset.seconds}`;
      if (countdown.hidden || announced.has(key)) return;
      announced.add(key);
      setText(liveRegion(), countdown.dataset.up);
      const sound = document.querySelector('.inkl-clocks input[type="checkbox"]');
      if (sound && sound.checked) beep();
    });
  };

  const settleDeck = () => {
    const box = document.querySelector('.inkl-deck');
    if (!box || box.dataset.ready) return;
    const screens = deck.screens();
    if (!screens.length || !screens[0].querySelector('.inkl-screen-step')) return;
    box.dataset.ready = 'yes';
    liveRegion(); // in the page before anything is said in it, so that it is announced
    deck.show(Math.max(deck.current(), 0), false);
  };

  // A phone's contribution leaves with the press of "Add" (widgets/contributions.py): its words
  // go, numbered, into the form's hidden field, and the text area empties at once, so that
  // words typed right after the press start the next one. The last few go each time: one that
  // waits behind another in the browser is never dropped, and the kernel adds each number once.
  const sentContributions = [];
  const sendContribution = (event) => {
    const pressed = event.target.closest && event.target.closest('.inkl-add-contribution');
    const form = pressed && pressed.closest('.inkl-contribution-form');
    const area = form && form.querySelector('textarea');
    const field = form && form.querySelector('.inkl-report-contribution');
    if (!area || !field) return;
    const name = form.querySelector('.inkl-contribution-name input');
    const limit = Number(form.querySelector('.inkl-contribution-limit')?.dataset.limit);
    const text = area.value;
    const author = name ? name.value : '';
    const number = (sentContributions.at(-1)?.number || 0) + 1;
    sentContributions.push({number, text, author});
    if (sentContributions.length > 20) sentContributions.shift();
    report(field, JSON.stringify(sentContributions));
    const length = (words) => [...words.trim()].length; // characters, as the kernel counts
    // words the kernel refuses (none, or too many) stay for the participant to change
    if (length(text) && length(text) <= limit && length(author) <= limit) {
      area.value = '';
      area.dispatchEvent(new Event('input', {bubbles: true}));
    }
  };

  // "Vis igen" (widgets/hidden_contributions.py) takes its own row away with the button, and
  // the focus with it. Once the kernel has redrawn the fold, the focus goes to the button now
  // in the pressed one's place (or the last), or, when the fold went with the last hidden
  // contribution, to the screen's heading, where the meeting view puts it on arrival.
  let shownAgain = null;
  const rememberShowAgain = (event) => {
    const pressed = event.target.closest && event.target.closest('button.inkl-show-again');
    const fold = pressed && pressed.closest('.inkl-hidden-contributions');
    if (!fold) return;
    const all = [...fold.querySelectorAll('button.inkl-show-again')];
    shownAgain = {fold, pressed, index: all.indexOf(pressed), expected: all.length - 1};
  };
  const refocusAfterShowAgain = () => {
    if (!shownAgain || shownAgain.pressed.isConnected) return;
    const {fold, index, expected} = shownAgain;
    const focused = document.activeElement;
    if (!fold.isConnected || (focused && focused !== document.body)) {
      shownAgain = null; // the page moved on, or the person did
      return;
    }
    const left = [...fold.querySelectorAll('button.inkl-show-again')];
    let target = null;
    if (left.length && left.length >= expected) target = left[Math.min(index, left.length - 1)];
    else if (!fold.querySelector('button')) {
      target = fold.closest('.inkl-screen, .inkl-page')?.querySelector('h2, h1');
      if (target) target.tabIndex = -1;
    }
    if (!target) return; // still being redrawn
    shownAgain = null;
    target.focus();
  };

  // A backup too big for one websocket message is refused before it is sent.
  const guardUploadSize = (event) => {
    const input = event.target;
    const box = input.closest && input.closest('.inkl-upload');
    if (!box || input.type !== 'file' || !input.files.length) return;
    const warning = box.querySelector('.inkl-too-big');
    const tooBig = input.files[0].size > Number(warning.dataset.limit);
    warning.hidden = !tooBig;
    if (tooBig) {
      event.stopImmediatePropagation();
      input.value = '';
    }
  };

  document.addEventListener('change', guardUploadSize, true);
  document.addEventListener('DOMContentLoaded', askForCookie);
  document.addEventListener('keydown', onKey);
  document.addEventListener('click', onClick);
  document.addEventListener('click', sendContribution, true); // before the button's own
  document.addEventListener('click', rememberShowAgain, true);
  setInterval(tickClocks, 1000);
  // Widgets get their classes after they are in the page, so class changes count too.
  new MutationObserver(settle).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributeFilter: ['class', 'title'], // a tooltip is a button's name (NAMED_BY_TOOLTIP)
  });
})();
