// What only the browser can do, on every page of inkl. It lives in the page template, not in
// scripts the kernel sends while the notebook runs: Voilà mirrors such a script's output widget
// during the run, and about one page in 25 then never finished rendering.
(() => {
  // Leaving a page shuts its kernel down, which Voilà refuses without its request-forgery cookie.
  const askForCookie = () => {
    if (document.cookie.includes('_xsrf=')) return;
    const base = document.body.dataset.baseUrl || '/voila/';
    fetch(base + 'tree', {credentials: 'same-origin'}).catch(() => {});
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
    // ipywidgets writes how many files were chosen after an upload button's text: "(0)".
    document.querySelectorAll('.inkl-page button.widget-upload').forEach((upload) => {
      upload.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE && / \(\d+\)$/.test(node.data)) {
          node.data = node.data.replace(/ \(\d+\)$/, '');
        }
      });
    });
    // Reported once the page is painted, when the widgets are connected to the kernel.
    const reports = {address: () => window.location.search || '?', shown: () => 'shown'};
    Object.entries(reports).forEach(([name, value]) => {
      document.querySelectorAll(`.inkl-report-${name}:not([data-reported])`).forEach((field) => {
        field.dataset.reported = 'soon';
        requestAnimationFrame(() => requestAnimationFrame(() => report(field, value())));
      });
    });
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
  // Widgets get their classes after they are in the page, so class changes count too.
  new MutationObserver(settle).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributeFilter: ['class'],
  });
})();
