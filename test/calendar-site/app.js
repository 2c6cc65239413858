// The stand-in Google Calendar page's own script (test infrastructure and demo, not product code).
// It runs under the page's strict CSP (nonce) and Trusted Types: DOM APIs only, no HTML strings,
// styles through the CSSOM. It renders a week view, opens the event dialog with the structure
// captured from the real page (see /work/shared/calendar-dom.md), fills it lazily, navigates to
// the full event page with history.pushState, and behaves like Calendar where it matters to an
// extension: hidden leftover dialogs stay in the DOM, and its containers remove nodes it did not
// create.
'use strict';

(() => {
  const data = JSON.parse(document.getElementById('calendar-site-data').textContent);
  const LABELS = {
    en: { account: 'Google Account', close: 'Close', edit: 'Edit event', delete: 'Delete event', options: 'Options', guests: 'Guests', guestsN: (n) => `${n} guests`, organizer: 'Organizer', declined: 'Declined', yes: 'yes', no: 'no', awaiting: 'awaiting', title: 'Title', addTitle: 'Add title', addGuests: 'Add guests', save: 'Save', today: 'Today', create: 'Create', calendar: 'Calendar', description: 'Description', myCalendars: 'My calendars', event: 'Event', task: 'Task', weekOf: 'Week of', join: 'Join with Google Meet', dayNames: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] },
    fr: { account: 'Compte Google', close: 'Fermer', edit: "Modifier l'événement", delete: "Supprimer l'événement", options: 'Options', guests: 'Invités', guestsN: (n) => `${n} invités`, organizer: 'Organisateur', declined: 'Refusé', yes: 'oui', no: 'non', awaiting: 'en attente', title: 'Titre', addTitle: 'Ajouter un titre', addGuests: 'Ajouter des invités', save: 'Enregistrer', today: "Aujourd'hui", create: 'Créer', calendar: 'Agenda', description: 'Description', myCalendars: 'Mes agendas', event: 'Événement', task: 'Tâche', weekOf: 'Semaine du', join: 'Participer avec Google Meet', dayNames: ['LUN.', 'MAR.', 'MER.', 'JEU.', 'VEN.', 'SAM.', 'DIM.'] },
    de: { account: 'Google-Konto', close: 'Schließen', edit: 'Termin bearbeiten', delete: 'Termin löschen', options: 'Optionen', guests: 'Gäste', guestsN: (n) => `${n} Gäste`, organizer: 'Organisator', declined: 'Abgelehnt', yes: 'ja', no: 'nein', awaiting: 'ausstehend', title: 'Titel', addTitle: 'Titel hinzufügen', addGuests: 'Gäste hinzufügen', save: 'Speichern', today: 'Heute', create: 'Erstellen', calendar: 'Kalender', description: 'Beschreibung', myCalendars: 'Meine Kalender', event: 'Termin', task: 'Aufgabe', weekOf: 'Woche vom', join: 'Mit Google Meet teilnehmen', dayNames: ['MO.', 'DI.', 'MI.', 'DO.', 'FR.', 'SA.', 'SO.'] },
    ja: { account: 'Google アカウント', close: '閉じる', edit: '予定を編集', delete: '予定を削除', options: 'オプション', guests: 'ゲスト', guestsN: (n) => `ゲスト ${n} 人`, organizer: '主催者', declined: '辞退', yes: 'はい', no: 'いいえ', awaiting: '未返信', title: 'タイトル', addTitle: 'タイトルを追加', addGuests: 'ゲストを追加', save: '保存', today: '今日', create: '作成', calendar: 'カレンダー', description: '説明', myCalendars: 'マイカレンダー', event: '予定', task: 'タスク', weekOf: '週', join: 'Google Meet に参加', dayNames: ['月', '火', '水', '木', '金', '土', '日'] },
  };
  const L = LABELS[data.locale] || LABELS.en;
  const HOUR = 48;
  const DIALOG_WIDTH = 448;
  const COLORS = ['rgb(3, 155, 229)', 'rgb(51, 182, 121)', 'rgb(121, 134, 203)', 'rgb(244, 81, 30)', 'rgb(142, 36, 170)', 'rgb(246, 191, 38)'];
  const events = data.events.map((event, index) => ({ ...event, startDate: new Date(event.start), endDate: new Date(event.end), color: COLORS[index % COLORS.length] }));
  const byEid = new Map(events.map((event) => [event.eid, event]));
  const site = { violations: [], opened: 0 };
  window.calendarSite = site;
  document.addEventListener('securitypolicyviolation', (event) => {
    site.violations.push({ directive: event.violatedDirective, blockedURI: event.blockedURI, sample: event.sample, sourceFile: event.sourceFile });
  });

  // --- Elements this app created, and containers that remove everything else ----------------
  const own = new WeakSet();

  /** Creates an element: attributes by setAttribute, `style` through the CSSOM, children as nodes. */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    own.add(element);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'style') Object.assign(element.style, value);
      else if (name === 'className') element.className = value;
      else if (name === 'value') element.value = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    append(element, ...children);
    return element;
  }

  function append(parent, ...children) {
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      const node = typeof child === 'string' ? document.createTextNode(child) : child;
      own.add(node);
      parent.append(node);
    }
  }

  /** Like Calendar's controllers: a container that removes child nodes it did not create. */
  const reconciler = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!own.has(node)) node.parentNode && node.parentNode.removeChild(node);
      }
    }
  });
  function reconcile(container) {
    reconciler.observe(container, { childList: true });
    return container;
  }

  // --- Time ------------------------------------------------------------------------------------
  const weekStart = (() => {
    const base = data.weekOf ? new Date(`${data.weekOf}T12:00:00`) : new Date();
    const monday = new Date(base.getFullYear(), base.getMonth(), base.getDate());
    monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
    return monday;
  })();
  const days = Array.from({ length: 7 }, (_, i) => new Date(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate() + i));
  const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  const locale = { en: 'en-US', fr: 'fr-FR', de: 'de-DE', ja: 'ja-JP' }[data.locale] || 'en-US';
  const timeFormat = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
  const whenText = (event) => `${dayFormat.format(event.startDate)}⋅${timeFormat.format(event.startDate)} – ${timeFormat.format(event.endDate)}`;

  // --- Paths -----------------------------------------------------------------------------------
  const base = `/calendar/u/${data.accountIndex}/r`;
  const weekPath = `${base}/week`;
  const eventPath = (event) => `${base}/eventedit/${event.eid}`;
  const eidFromPath = () => {
    const match = /\/r\/eventedit\/([A-Za-z0-9_-]+)/.exec(location.pathname);
    return match ? match[1] : undefined;
  };

  // --- The page's frame: top bar, side navigation, main region, dialog layer -----------------
  const main = reconcile(el('div', { role: 'main', className: 'tEhMVd', jsname: 'KL7Kx', 'aria-label': L.calendar }));
  const dialogLayer = reconcile(el('div', { className: 'rl4zqf', jsname: 'yrriRe', jscontroller: 'b3WhDe' }));
  const initial = (data.accountName || data.accountEmail).trim().charAt(0).toUpperCase();

  const header = el(
    'header',
    { role: 'banner', className: 'gb_Ja gb_kb', jsname: 'Ocu2Ke' },
    el('div', { className: 'gb-left' },
      el('div', { className: 'gb-menu', role: 'button', 'aria-label': 'Main menu', tabindex: '0' }, el('span'), el('span'), el('span')),
      el('a', { className: 'gb-logo', href: `${base}`, 'aria-label': `Google ${L.calendar}`, title: `Google ${L.calendar}` },
        el('span', { className: 'gb-logo-mark', 'aria-hidden': 'true' }, String(new Date().getDate())),
        el('span', { className: 'gb-logo-text' }, L.calendar)),
      el('div', { className: 'gb-today', role: 'button', tabindex: '0' }, L.today),
      el('div', { className: 'gb-month' }, monthFormat.format(weekStart))),
    el('div', { className: 'gb-right' },
      el('a', {
        className: 'gb_B gb_Za gb-account',
        role: 'button',
        tabindex: '0',
        href: `https://accounts.google.com/SignOutOptions?hl=${data.locale}&continue=https://calendar.google.com/calendar/r&service=cl`,
        'aria-label': `${L.account}: ${data.accountName} (${data.accountEmail})`,
      }, el('span', { className: 'gb-avatar', 'aria-hidden': 'true' }, initial))),
  );

  const sideNav = el('nav', { className: 'side-nav', 'aria-label': L.myCalendars },
    el('div', { className: 'create', role: 'button', tabindex: '0' }, el('span', { className: 'plus', 'aria-hidden': 'true' }, '+'), L.create),
    el('div', { className: 'my-calendars' }, L.myCalendars),
    el('label', { className: 'calendar-entry' }, el('span', { className: 'swatch' }), data.accountName));

  append(document.body, header, el('div', { className: 'shell' }, sideNav, main), dialogLayer);

  // Hidden, transient dialogs Calendar leaves behind (a picker, and a stale event body).
  const stale = events[0];
  append(dialogLayer,
    el('div', { role: 'dialog', className: 'VfPpkd-xl07Ob leftover', 'aria-hidden': 'true', jsname: 'xl07Ob' },
      el('div', { role: 'listbox', 'aria-label': 'Start time' }, el('div', { role: 'option' }, '9:00am'))),
    stale ? el('div', { role: 'dialog', className: 'RDlrG Inn9w leftover', 'aria-labelledby': 'rAECCdStale' },
      el('span', { className: 'kma42e' }, el('div', { 'data-eventid': stale.eid },
        el('span', { id: 'rAECCdStale', role: 'heading', 'aria-level': '1' }, stale.title)))) : null);

  // --- Week view -------------------------------------------------------------------------------
  function renderWeek() {
    const columns = days.map((day, index) => {
      const chips = events
        .filter((event) => sameDay(event.startDate, day))
        .map((event) => {
          const startHours = event.startDate.getHours() + event.startDate.getMinutes() / 60;
          const hours = Math.max(0.25, (event.endDate - event.startDate) / 3_600_000);
          const time = `${timeFormat.format(event.startDate)} – ${timeFormat.format(event.endDate)}`;
          return el('div', {
            role: 'button',
            tabindex: '0',
            className: 'GTG3wb ChfiMc rFUW1c chip',
            'data-eventchip': '',
            'data-eventid': event.eid,
            jslog: `35463; track:click,contextmenu; 1:["${event.eid}"]`,
            style: { top: `${startHours * HOUR}px`, height: `${hours * HOUR - 2}px`, backgroundColor: event.color },
            onclick: (click) => {
              click.stopPropagation();
              openDialog(event, click.currentTarget);
            },
          }, el('div', { className: 'ynRLnc' }, `${time}, ${event.title}`),
          el('div', { className: 'chip-body', 'aria-hidden': 'true' },
            el('div', { className: 'chip-title' }, event.title),
            el('div', { className: 'chip-time' }, time)));
        });
      const column = reconcile(el('div', { className: 'BiKU4b day-column', jsname: 's1VlVe' }, chips));
      return el('div', {
        role: 'gridcell',
        className: 'YvjgZe',
        'data-column-index': String(index),
        'aria-labelledby': `tsc${index}`,
        onclick: (click) => openQuickCreate(day, click),
      }, el('h2', { className: 'XuJrye', id: `tsc${index}` }, `${L.dayNames[index]} ${day.getDate()}`), column);
    });
    const heads = days.map((day, index) =>
      el('div', { className: `day-head${sameDay(day, new Date()) ? ' today' : ''}`, role: 'columnheader' },
        el('div', { className: 'day-name' }, L.dayNames[index]),
        el('div', { className: 'day-number' }, String(day.getDate()))));
    const hours = Array.from({ length: 24 }, (_, hour) =>
      el('div', { className: 'hour' }, hour === 0 ? '' : timeFormat.format(new Date(2000, 0, 1, hour))));
    const scroller = el('div', { className: 'scroller' },
      el('div', { className: 'gutter', 'aria-hidden': 'true' }, hours),
      el('div', { role: 'row', className: 'days' }, columns));
    const grid = el('div', {
      role: 'grid',
      className: 'lYYbjc',
      'aria-label': `${L.weekOf} ${dayFormat.format(weekStart)}`,
      'aria-readonly': 'true',
    }, el('div', { role: 'row', className: 'heads' }, el('div', { className: 'gutter-head' }), heads), scroller);
    main.replaceChildren();
    append(main, grid);
    scroller.scrollTop = 8 * HOUR;
    document.title = `Google ${L.calendar} - ${L.weekOf} ${dayFormat.format(weekStart)}`;
  }

  // --- The event dialog (captured structure) ---------------------------------------------------
  let openDialogElement;
  let dialogTimers = [];

  // Material icons' paths, drawn with createElementNS (no markup strings).
  const ICONS = {
    edit: 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
    delete: 'M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z',
    more: 'M12 8c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm0 2c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2zm0 6c-1.1 0-2 .9-2 2s.9 2 2 2 2-.9 2-2-.9-2-2-2z',
    close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
  };

  function svgIcon(name) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '20');
    svg.setAttribute('height', '20');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('fill', 'currentColor');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.append(path);
    own.add(svg);
    own.add(path);
    return svg;
  }

  function iconButton(label, attributes = {}, onclick) {
    const { icon, ...rest } = attributes;
    return el('div', { role: 'button', tabindex: '0', className: 'U26fgb mUbCce p9Nwte icon-button', 'aria-label': label, 'data-tooltip': label, onclick, ...rest },
      el('span', { className: 'xjKiLb' }, icon ? svgIcon(icon) : null));
  }

  function guestRow(guest) {
    const shown = guest.displayName || guest.email;
    const declined = guest.responseStatus === 'declined';
    const label = [shown, guest.organizer ? L.organizer : null, declined ? L.declined : null].filter(Boolean).join(', ');
    return el('div', {
      role: 'treeitem',
      tabindex: '-1',
      className: 'toUqff guest',
      jsname: 'vDTSIe',
      'data-email': guest.email,
      'data-hovercard-id': guest.email,
      'aria-label': label,
    },
    el('div', { className: 'jPtXgd avatar', 'aria-hidden': 'true', style: { backgroundColor: guest.resource ? '#5f6368' : '#1a73e8' } }, shown.charAt(0).toUpperCase()),
    el('div', { className: 'SDqFWd' },
      el('div', { className: 'UfeRlc' }, el('span', { className: declined ? 'VOb9Pe declined' : 'VOb9Pe' }, shown)),
      guest.organizer ? el('div', { className: 'Jmftzc' }, L.organizer) : null));
  }

  function guestSection(event) {
    const counts = {
      yes: event.guests.filter((guest) => guest.responseStatus === 'accepted').length,
      no: event.guests.filter((guest) => guest.responseStatus === 'declined').length,
    };
    const awaiting = event.guests.length - counts.yes - counts.no;
    return el('div', { id: 'xDetDlgAtt', className: 'nBzcnc section', jsname: 'Fh6Cqb' },
      el('div', { className: 'JAPzS' },
        el('div', { className: 'section-title' }, L.guestsN(event.guests.length)),
        el('div', { className: 'section-sub' }, `${counts.yes} ${L.yes}, ${counts.no} ${L.no}, ${awaiting} ${L.awaiting}`)),
      el('div', { role: 'tree', 'aria-label': L.guests, className: 'NBnrIf' }, event.guests.map(guestRow)));
  }

  function closeDialog() {
    dialogTimers.forEach(clearTimeout);
    dialogTimers = [];
    if (openDialogElement) openDialogElement.remove();
    openDialogElement = undefined;
  }

  function placeBeside(anchor, width, height) {
    const rect = anchor.getBoundingClientRect();
    const margin = 8;
    let left = rect.right + margin;
    if (left + width > innerWidth - margin) left = rect.left - margin - width;
    if (left < margin) left = Math.max(margin, (innerWidth - width) / 2);
    const top = Math.min(Math.max(72, rect.top - 40), Math.max(72, innerHeight - height - margin));
    return { left: `${Math.round(left)}px`, top: `${Math.round(top)}px` };
  }

  function lazyDelay() {
    const [min, max] = data.lazyDelayMs;
    return min + Math.random() * (max - min);
  }

  function openDialog(event, chip) {
    closeDialog();
    site.opened++;
    const body = reconcile(el('div', { id: 'xDetDlg', className: 'pdqVLc', 'data-eventid': event.eid, jslog: `32735; 2:["${event.eventId}",null,0,"${event.calendarId}"]; track:impression` },
      el('div', { className: 'pPTZAe toolbar' },
        iconButton(L.edit, { icon: 'edit' }, () => {
          closeDialog();
          navigate(eventPath(event));
        }),
        iconButton(L.delete, { icon: 'delete' }),
        iconButton(L.options, { icon: 'more', 'aria-haspopup': 'true' }),
        iconButton(L.close, { id: 'xDetDlgCloseBu', jsname: 'BUdhfb', icon: 'close' }, closeDialog)),
      el('div', { className: 'fy8IH title-row' },
        el('div', { className: 'swatch', style: { backgroundColor: event.color } }),
        el('div', { className: 'nBzcnc' },
          el('span', { id: 'rAECCd', role: 'heading', 'aria-level': '1', className: 'UfeRlc title' }, event.title),
          el('div', { id: 'xDetDlgWhen', className: 'DN1TJ when' }, el('div', { className: 'AzuXid' }, whenText(event)))))));
    const dialog = el('div', {
      role: 'dialog',
      'aria-modal': 'true',
      'data-layout-mode': 'bubble',
      'aria-labelledby': 'rAECCd',
      tabindex: '-1',
      className: 'RDlrG Inn9w iWO5td event-dialog',
      jscontroller: 'hRHzhf',
      style: { width: `${DIALOG_WIDTH}px`, ...placeBeside(chip, DIALOG_WIDTH, 360) },
    }, el('span', { className: 'kma42e', jsname: 'kHeOQc' }, body));
    append(dialogLayer, dialog);
    openDialogElement = dialog;
    dialog.focus();

    // Lazily, like Calendar: the Meet link, then guests and notes, then the guests re-rendered.
    dialogTimers.push(setTimeout(() => {
      if (openDialogElement !== dialog) return;
      append(body, el('div', { id: 'xDetDlgVideo', className: 'nBzcnc section' },
        el('a', { className: 'meet', href: 'https://meet.google.com/abc-defg-hij', target: '_blank' }, L.join)));
      if (event.guests.length > 0) append(body, guestSection(event));
      if (event.description) append(body, el('div', { id: 'xDetDlgDesc', className: 'nBzcnc section description' }, event.description));
      dialogTimers.push(setTimeout(() => {
        const section = body.querySelector('#xDetDlgAtt');
        if (openDialogElement === dialog && section) section.replaceWith(guestSection(event));
      }, lazyDelay()));
    }, lazyDelay()));
  }

  function openQuickCreate(day, click) {
    if (click.target.closest('[data-eventid]')) return;
    closeDialog();
    const dialog = el('div', {
      role: 'dialog',
      'aria-modal': 'true',
      'data-layout-mode': 'bubble',
      'aria-label': 'Event details',
      tabindex: '-1',
      className: 'RDlrG Inn9w quick-create',
      style: { width: `${DIALOG_WIDTH}px`, left: `${Math.min(click.clientX + 16, innerWidth - DIALOG_WIDTH - 8)}px`, top: `${Math.min(click.clientY, innerHeight - 260)}px` },
    }, el('span', { className: 'kma42e' },
      el('div', { className: 'pPTZAe toolbar' }, iconButton(L.close, { icon: 'close' }, closeDialog)),
      el('input', { type: 'text', className: 'quick-title', 'aria-label': L.addTitle, placeholder: L.addTitle, autocomplete: 'off' }),
      el('div', { role: 'tablist' }, el('div', { role: 'tab', 'aria-selected': 'true' }, L.event), el('div', { role: 'tab', 'aria-selected': 'false' }, L.task)),
      el('div', { className: 'when' }, dayFormat.format(day)),
      el('input', { type: 'text', role: 'combobox', 'aria-label': L.addGuests, placeholder: L.addGuests, autocomplete: 'off' }),
      el('div', { role: 'button', className: 'save', tabindex: '0', onclick: closeDialog }, L.save)));
    append(dialogLayer, dialog);
    openDialogElement = dialog;
  }

  // --- The full event page (its real markup is not verified; same signals as the dialog) ------
  function renderEventPage(eid) {
    const event = byEid.get(eid);
    main.replaceChildren();
    if (!event) {
      append(main, el('div', { className: 'not-found' }, 'This event could not be found.'));
      return;
    }
    const guestList = reconcile(el('div', { role: 'tree', 'aria-label': L.guests, className: 'NBnrIf' }));
    append(main, el('div', { className: 'ecHOgf event-page' },
      el('div', { className: 'XTGCIb page-bar' },
        iconButton(L.close, { icon: 'close' }, () => (history.state && history.state.fromWeek ? history.back() : navigate(weekPath))),
        el('input', { type: 'text', id: 'xTiIn', className: 'page-title', 'aria-label': L.title, value: event.title, autocomplete: 'off' }),
        el('div', { role: 'button', className: 'save', tabindex: '0' }, L.save)),
      el('div', { className: 'page-columns' },
        el('div', { className: 'page-left' },
          el('div', { className: 'page-when' }, whenText(event)),
          el('div', { id: 'xDescIn', className: 'page-description' },
            el('div', { role: 'textbox', contenteditable: 'true', 'aria-multiline': 'true', 'aria-label': L.description }, event.description || ''))),
        el('div', { id: 'xGstLst', className: 'page-guests' },
          el('div', { className: 'section-title' }, L.guests),
          el('input', { type: 'text', role: 'combobox', 'aria-label': L.addGuests, placeholder: L.addGuests, autocomplete: 'off' }),
          guestList))));
    document.title = `${event.title} - Google ${L.calendar}`;
    setTimeout(() => {
      if (eidFromPath() === eid && guestList.isConnected) append(guestList, event.guests.map(guestRow));
    }, lazyDelay());
  }

  // --- Routing (History API, no reload) --------------------------------------------------------
  function navigate(path) {
    history.pushState({ fromWeek: !eidFromPath() }, '', path);
    route();
  }

  function route() {
    closeDialog();
    const eid = eidFromPath();
    if (eid) renderEventPage(eid);
    else renderWeek();
  }

  addEventListener('popstate', route);
  document.addEventListener('keydown', (key) => {
    if (key.key === 'Escape' && openDialogElement) closeDialog();
  });
  document.addEventListener('mousedown', (down) => {
    if (openDialogElement && !openDialogElement.contains(down.target) && !down.target.closest('[data-eventid][role="button"]')) closeDialog();
  });

  route();
})();
