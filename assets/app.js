// Redraft's only script, and an optional one: every page works without it.
// On a text page, tapping line numbers selects a passage and the bar at the bottom of the
// screen links to the amendment form for exactly those lines. Without the script each line
// number is already a link to that form for its own line.
(function () {
  'use strict';

  var list = document.querySelector('ol.lines[data-slug][data-revision]');
  var bar = document.getElementById('selection-bar');
  var link = document.getElementById('selection-link');
  var numbers = list ? list.querySelectorAll('a.num[data-line]') : [];
  if (!bar || !link || !numbers.length) {
    return;
  }
  var clearButton = document.getElementById('selection-clear');
  // The page says what works without the script; with it, the numbers are selectable.
  var hint = document.getElementById('paragraph-hint');
  if (hint && hint.getAttribute('data-with-script')) {
    hint.textContent = hint.getAttribute('data-with-script');
  }
  var slug = list.getAttribute('data-slug');
  var revision = list.getAttribute('data-revision');
  // The link's label in the page's language, with {start} and {end} where the numbers go.
  var labelOne = list.getAttribute('data-label-one') || '{start}';
  var labelRange = list.getAttribute('data-label-range') || '{start}–{end}';

  // The selection is the lines first..last (1-based, inclusive); 0 when there is none.
  var first = 0;
  var last = 0;

  function fill(template, values) {
    return template.replace(/\{(start|end)\}/g, function (placeholder, name) {
      return String(values[name]);
    });
  }

  function numberOf(target) {
    var anchor = target && target.closest ? target.closest('a.num[data-line]') : null;
    var number = anchor && list.contains(anchor) ? parseInt(anchor.getAttribute('data-line'), 10) : 0;
    return number > 0 ? number : 0;
  }

  // The line numbers take one stop in the tab order, not one per line: Tab enters them at
  // the last one used, the arrow keys move between them (screen readers still see them all).
  var current = numbers[0];
  Array.prototype.forEach.call(numbers, function (number) { number.tabIndex = -1; });
  current.tabIndex = 0;

  function moveTo(anchor, focus) {
    current.tabIndex = -1;
    anchor.tabIndex = 0;
    current = anchor;
    if (focus) anchor.focus();
  }

  function render(from, to) {
    // Only lines that were or are selected change, so long texts stay fast.
    for (var n = Math.max(from, 1); n <= to; n++) {
      var item = document.getElementById('l' + n);
      if (item) {
        item.classList.toggle('selected', n >= first && n <= last && first > 0);
      }
    }
    bar.hidden = !first;
    if (first) {
      link.textContent = first === last ? fill(labelOne, { start: first })
        : fill(labelRange, { start: first, end: last });
      link.href = '/texts/' + encodeURIComponent(slug) + '/amend?revision=' + encodeURIComponent(revision) +
        '&start=' + first + '&count=' + (last - first + 1);
    }
  }

  function select(newFirst, newLast) {
    var from = Math.min(first || newFirst, newFirst || first);
    var to = Math.max(last, newLast);
    first = newFirst;
    last = newLast;
    render(from, to);
  }

  // Nothing selected: select the line. A line outside the selection: extend the selection
  // to it. The only selected line: deselect it. A line inside a passage: start again there.
  function tap(number) {
    if (!first) {
      select(number, number);
    } else if (number < first) {
      select(number, last);
    } else if (number > last) {
      select(first, number);
    } else if (first === last) {
      select(0, 0);
    } else {
      select(number, number);
    }
  }

  list.addEventListener('click', function (event) {
    // Opening the form in a new tab or window stays the browser's business.
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var number = numberOf(event.target);
    if (number) {
      event.preventDefault();
      moveTo(numbers[number - 1] || current, false);
      tap(number);
    }
  });

  // Enter on a link already fires a click. Space acts the same instead of scrolling.
  list.addEventListener('keydown', function (event) {
    var number = numberOf(event.target);
    if (!number || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = null;
    if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      if (!event.repeat) {
        tap(number);
      }
    } else if (event.key === 'ArrowDown' || event.key === 'Down') {
      target = numbers[number];
    } else if (event.key === 'ArrowUp' || event.key === 'Up') {
      target = numbers[number - 2];
    } else if (event.key === 'Home') {
      target = numbers[0];
    } else if (event.key === 'End') {
      target = numbers[numbers.length - 1];
    }
    if (target) {
      event.preventDefault();
      moveTo(target, true);
    }
  });

  document.addEventListener('keydown', function (event) {
    if ((event.key === 'Escape' || event.key === 'Esc') && first) {
      select(0, 0);
    }
  });

  if (clearButton) {
    clearButton.addEventListener('click', function () {
      var start = numbers[first - 1];
      select(0, 0);
      // The bar is gone: put the keyboard back where the selection began.
      if (start) {
        moveTo(start, true);
      }
    });
  }
})();

// On the amendment form, the lines the amendment will replace follow the range as its
// numbers change, and so does the proposed wording while its author has not touched it.
// Without the script, a changed range is shown by the preview before anything is filed.
(function () {
  'use strict';

  var form = document.querySelector('form.amend');
  var shown = document.getElementById('current-wording');
  var source = shown && shown.getAttribute('data-source');
  if (!form || !source || !window.fetch || !window.DOMParser) {
    return;
  }
  var start = form.querySelector('input[name="start"]');
  var count = form.querySelector('input[name="count"]');
  var wording = form.querySelector('textarea[name="new_lines"]');
  var shownStart = form.querySelector('input[name="shown_start"]');
  var shownCount = form.querySelector('input[name="shown_count"]');
  if (!start || !count || !wording || !shownStart || !shownCount) {
    return;
  }
  // The wording as the page filled it when that is the current wording (not an amendment's
  // own): replaced only while it is still that.
  var prefilled = wording.hasAttribute('data-follows-range') ? wording.value : null;
  var timer = 0;
  var asked = 0;

  function follow() {
    var first = parseInt(start.value, 10);
    var many = parseInt(count.value, 10);
    if (!(first >= 1) || !(many >= 0)) {
      return;
    }
    var ticket = ++asked;
    fetch(source + '&start=' + first + '&count=' + many, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        // An answer to an older question, or a range that does not exist: leave the page.
        if (html === null || ticket !== asked) {
          return;
        }
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('current-wording');
        var freshWording = page.querySelector('form.amend textarea[name="new_lines"]');
        if (!fresh || !freshWording || page.querySelector('.notice.error')) {
          return;
        }
        shown.replaceChildren.apply(shown, Array.prototype.slice.call(fresh.childNodes));
        if (wording.value === prefilled) {
          wording.value = freshWording.value;
          prefilled = wording.value;
        }
        shownStart.value = String(first);
        shownCount.value = String(many);
      })
      .catch(function () { /* offline: the preview shows the range before filing */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(follow, 250);
  }
  start.addEventListener('input', later);
  count.addEventListener('input', later);
})();

// The congress hall: server-sent events carry the parts of the page that changed, which
// replace those shown. Without the script, the page reloads itself.
(function () {
  var live = document.querySelector('[data-events]');
  if (!live || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var source = new EventSource(live.getAttribute('data-events'));
  function replace(id) {
    return function (event) {
      var part = document.getElementById(id);
      if (part) {
        part.innerHTML = event.data;
      }
      if (status) {
        status.textContent = live.getAttribute('data-updated');
      }
    };
  }
  source.addEventListener('decisions', replace('live-decisions'));
  source.addEventListener('text', replace('live-text'));
  source.addEventListener('error', function () {
    // EventSource reconnects by itself; the page says so meanwhile.
    if (status) {
      status.textContent = live.getAttribute('data-lost');
    }
  });
})();
