/*
 * The Cenote dashboard page: plain JavaScript, no build step, no framework.
 *
 * Design: the server's once-a-second `stats` message (on the `/api/events` stream) is the one
 * source of truth for what exists; pool cards, cluster tables and scenario rows are created,
 * updated in place and removed as that message lists them, so scenario pools come and go by
 * themselves. A pool's chart is seeded from `/api/pools/{name}/history` when its card appears;
 * stats that arrive while that request runs wait in the card and are appended after it.
 * Everything from the server reaches the DOM through textContent or attributes, never as HTML.
 * Stable hooks for browser tests: data-pool, data-chart (window.cenote.charts), data-resize,
 * data-scenario, data-host, #events li[data-kind], #message.
 */
(function () {
  'use strict';

  /** How far back the charts reach, as the server's default history. */
  var CHART_MILLIS = 5 * 60 * 1000;
  /** Points kept per chart even if samples come faster than once a second. */
  var MAX_POINTS = 400;
  /** Events kept in the timeline; the server retains more. */
  var MAX_EVENTS = 300;
  /** How long an error stays in the message area. */
  var MESSAGE_MILLIS = 6000;
  /** Wait before opening a new event stream after the browser gave up on one. */
  var RECONNECT_MILLIS = 3000;
  /** Stats come once a second; this much silence means the stream is stuck. */
  var STALE_MILLIS = 5000;
  var TOKEN_KEY = 'cenote.dashboard.token';

  var SERIES = [
    { key: 'active', color: '#2563eb' },
    { key: 'idle', color: '#16a34a' },
    { key: 'waiting', color: '#dc2626' },
    { key: 'overflow', color: '#d97706' },
    { key: 'maxSize', color: '#6b7280', dash: [6, 4] }
  ];
  var SIZE_FIELDS = ['minIdle', 'maxSize', 'maxOverflow'];

  /**
   * How the timeline colours a kind: bad (something failed), warn (degraded or worked
   * around), good (recovered), act (an operator or a scenario acted); others stay grey.
   */
  var KIND_TONES = {
    connect_failure: 'bad', timeout: 'bad', exhausted: 'bad', leak: 'bad', excluded: 'bad',
    breaker: 'bad', fault: 'bad', shutdown: 'bad',
    lagging: 'warn', fallback: 'warn', writer_changed: 'warn', invalidate: 'warn',
    health: 'warn', suspend: 'warn',
    connect: 'good', readmitted: 'good', resume: 'good',
    resize: 'act', evict: 'act', pre_ping: 'act', scenario: 'act'
  };

  var cenote = window.cenote = window.cenote || {};
  cenote.charts = {};

  var state = {
    token: null,
    pools: new Map(),
    clusters: new Map(),
    scenarios: new Map(),
    lastSeq: 0,
    lastStats: 0,
    source: null,
    connection: 'connecting',
    chartJsMissing: false,
    hostCallsAnswered: false
  };

  var $ = function (id) { return document.getElementById(id); };

  // ---------------------------------------------------------------- small helpers

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined) {
          node.setAttribute(k, String(attrs[k]));
        }
      });
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function setText(node, text) {
    var t = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== t) {
      node.textContent = t;
    }
  }

  function setAttr(node, name, value) {
    var v = String(value);
    if (node.getAttribute(name) !== v) {
      node.setAttribute(name, v);
    }
  }

  function num(v) {
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }

  function str(v) {
    return typeof v === 'string' ? v : '';
  }

  /** Instants come with up to nine fraction digits; Date.parse wants at most three. */
  function parseTime(s) {
    if (typeof s !== 'string') {
      return null;
    }
    var t = Date.parse(s.replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(t) ? null : t;
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function clock(millis) {
    var d = new Date(millis);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function formatMillis(v) {
    if (typeof v !== 'number' || !isFinite(v)) {
      return '–';
    }
    if (v === 0) {
      return '0 ms';
    }
    if (v < 1) {
      return v.toFixed(2) + ' ms';
    }
    if (v < 10) {
      return v.toFixed(1) + ' ms';
    }
    if (v < 10000) {
      return Math.round(v) + ' ms';
    }
    return (v / 1000).toFixed(1) + ' s';
  }

  function formatPercent(v) {
    return typeof v === 'number' && isFinite(v) ? (v * 100).toFixed(1) + ' %' : '–';
  }

  function formatCount(v) {
    return typeof v === 'number' && isFinite(v) ? v.toLocaleString('en-US') : '–';
  }

  function words(s) {
    return str(s).toLowerCase().replace(/_/g, ' ');
  }

  /** Puts the elements in this order in the container, moving only those out of place. */
  function placeInOrder(container, nodes) {
    for (var i = 0; i < nodes.length; i++) {
      var at = container.children[i];
      if (at !== nodes[i]) {
        container.insertBefore(nodes[i], at || null);
      }
    }
  }

  /**
   * Shows exactly one element per named item, in the items' order. `ui` says how: make(item)
   * builds the entry of a new name, update(entry, item) refreshes every listed one, root(entry)
   * is its element, drop(entry) removes one whose name is no longer listed. Items without a
   * string name, and repeated names, are skipped. Returns how many are shown.
   */
  function reconcile(container, entries, items, ui) {
    var seen = new Set();
    var order = [];
    (Array.isArray(items) ? items : []).forEach(function (item) {
      if (!item || typeof item.name !== 'string' || seen.has(item.name)) {
        return;
      }
      seen.add(item.name);
      var entry = entries.get(item.name);
      if (!entry) {
        entry = ui.make(item);
        entries.set(item.name, entry);
      }
      ui.update(entry, item);
      order.push(ui.root(entry));
    });
    Array.from(entries.keys()).forEach(function (name) {
      if (!seen.has(name)) {
        ui.drop(entries.get(name));
        entries.delete(name);
      }
    });
    placeInOrder(container, order);
    return order.length;
  }

  /** Runs a handler; a failure shows in the message area instead of the console. */
  function guarded(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (e) {
        pageError(e);
        return undefined;
      }
    };
  }

  // ---------------------------------------------------------------- message area

  var messageTimer = null;

  function showMessage(text, kind) {
    var box = $('message');
    if (!box) {
      return;
    }
    box.textContent = text;
    box.setAttribute('data-kind', kind || 'error');
    box.hidden = false;
    clearTimeout(messageTimer);
    messageTimer = setTimeout(function () { box.hidden = true; }, MESSAGE_MILLIS);
  }

  /** The end of every promise chain: a bug shows in the message area, not the console. */
  function pageError(e) {
    showMessage('page error: ' + (e && e.message ? e.message : String(e)));
  }

  function showError(what, err) {
    var text = err && err.message ? err.message : String(err);
    if (err && err.status === 401) {
      text += ' (open the page as /?token=<token>)';
    }
    showMessage(what ? what + ': ' + text : text, 'error');
  }

  // ---------------------------------------------------------------- token and API calls

  function readToken() {
    var fromUrl = null;
    try {
      var params = new URLSearchParams(window.location.search);
      fromUrl = params.get('token');
      if (fromUrl) {
        window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
        // keep the token out of the address bar, bookmarks and screenshots
        params.delete('token');
        var rest = params.toString();
        window.history.replaceState(null, '',
            window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
      }
      return window.sessionStorage.getItem(TOKEN_KEY) || fromUrl;
    } catch (e) {
      return fromUrl; // storage disabled: the token lives as long as the page
    }
  }

  function ApiError(status, message, field) {
    this.status = status;
    this.message = message;
    this.field = field || null;
  }

  /**
   * Calls the API. State-changing calls always send a JSON body ({} when the action takes no
   * parameters), so every one of them is an application/json request.
   */
  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (state.token) {
      headers['Authorization'] = 'Bearer ' + state.token;
    }
    var init = { method: method, headers: headers, cache: 'no-store' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body === undefined ? {} : body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        if (text) {
          try {
            data = JSON.parse(text);
          } catch (e) {
            data = null;
          }
        }
        if (!response.ok) {
          var message = data && typeof data.error === 'string' ? data.error
              : 'HTTP ' + response.status;
          throw new ApiError(response.status, message, data ? data.field : null);
        }
        return data;
      });
    }, function () {
      throw new ApiError(0, 'cannot reach the dashboard server', null);
    });
  }

  function poolPath(name, action) {
    return '/api/pools/' + encodeURIComponent(name) + (action ? '/' + action : '');
  }

  // ---------------------------------------------------------------- pools

  function createChart(canvas, name) {
    if (typeof window.Chart !== 'function') {
      if (!state.chartJsMissing) {
        state.chartJsMissing = true;
        showMessage('Chart.js did not load from /assets/chart.umd.js; charts are off');
      }
      return null;
    }
    var chart = new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: [],
        datasets: SERIES.map(function (s) {
          return {
            label: s.key,
            data: [],
            borderColor: s.color,
            backgroundColor: s.color,
            borderDash: s.dash || [],
            borderWidth: s.dash ? 1.5 : 2,
            pointRadius: 0,
            pointHoverRadius: 3,
            tension: 0,
            fill: false
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { boxWidth: 14, boxHeight: 2, font: { size: 11 } }
          }
        },
        scales: {
          x: {
            ticks: { maxTicksLimit: 6, maxRotation: 0, autoSkip: true, font: { size: 10 } },
            grid: { display: false }
          },
          y: {
            beginAtZero: true,
            ticks: { precision: 0, font: { size: 10 } },
            grid: { color: '#eef0f3' }
          }
        }
      }
    });
    cenote.charts[name] = chart;
    return chart;
  }

  function figure(dl, label) {
    var row = el('div', { 'class': 'figure' });
    row.appendChild(el('dt', null, label));
    var dd = el('dd', null, '–');
    row.appendChild(dd);
    dl.appendChild(row);
    return dd;
  }

  function actionButton(label, action, title) {
    return el('button', { type: 'button', 'data-action': action, title: title }, label);
  }

  function createPoolCard(view) {
    var name = view.name;
    var card = {
      name: name,
      removed: false,
      seeded: false,
      pending: [],
      times: [],
      lastTime: 0,
      chart: null,
      dirty: false,
      prePingBusy: false
    };
    var root = el('article', { 'class': 'card pool', 'data-pool': name });
    card.root = root;

    var head = el('header', { 'class': 'card-head' });
    head.appendChild(el('h3', null, name));
    card.role = head.appendChild(el('span', { 'class': 'badge role' }));
    card.cluster = head.appendChild(el('span', { 'class': 'muted small' }));
    var right = head.appendChild(el('span', { 'class': 'head-right' }));
    card.suspended = right.appendChild(el('span', { 'class': 'badge suspended' }, 'suspended'));
    card.health = right.appendChild(el('span', { 'class': 'badge health' }));
    root.appendChild(head);

    var body = el('div', { 'class': 'pool-body' });
    var box = body.appendChild(el('div', { 'class': 'chart-box' }));
    card.canvas = box.appendChild(el('canvas', {
      'data-chart': name, role: 'img', 'aria-label': 'connections of ' + name
    }));
    var side = body.appendChild(el('div', { 'class': 'pool-side' }));
    var dl = side.appendChild(el('dl', { 'class': 'figures' }));
    card.fig = {
      connections: figure(dl, 'active / idle / max'),
      waiting: figure(dl, 'waiting'),
      wait: figure(dl, 'wait p50 / p99'),
      hold: figure(dl, 'hold p50 / p99'),
      hitRate: figure(dl, 'hit rate'),
      acquired: figure(dl, 'acquired'),
      timeouts: figure(dl, 'timeouts'),
      created: figure(dl, 'created / closed')
    };
    card.alerts = side.appendChild(el('ul', { 'class': 'alerts' }));
    root.appendChild(body);

    var controls = el('div', { 'class': 'controls' });
    var form = controls.appendChild(el('form', {
      'class': 'resize', 'data-resize': name, novalidate: ''
    }));
    card.inputs = {};
    SIZE_FIELDS.forEach(function (f) {
      var label = form.appendChild(el('label', null));
      label.appendChild(el('span', null, f));
      card.inputs[f] = label.appendChild(el('input', {
        type: 'number', name: f, min: 0, step: 1, inputmode: 'numeric'
      }));
    });
    card.resizeButton = form.appendChild(el('button', { type: 'submit' }, 'Resize'));
    form.addEventListener('input', function (e) {
      card.dirty = true;
      if (e.target && e.target.classList) {
        e.target.classList.remove('invalid');
      }
    });
    form.addEventListener('submit', guarded(function (e) {
      e.preventDefault();
      resize(card);
    }));

    var toggle = controls.appendChild(el('label', {
      'class': 'toggle preping', title: 'validate connections when they are borrowed'
    }));
    card.prePing = toggle.appendChild(el('input', { type: 'checkbox', 'data-preping': name }));
    toggle.appendChild(el('span', null, 'pre-ping'));
    card.prePing.addEventListener('change', guarded(function () { setPrePing(card); }));

    var buttons = controls.appendChild(el('div', { 'class': 'buttons' }));
    card.buttons = {
      suspend: buttons.appendChild(actionButton('Suspend', 'suspend', 'stop lending connections')),
      resume: buttons.appendChild(actionButton('Resume', 'resume', 'lend connections again')),
      evict: buttons.appendChild(actionButton('Evict', 'evict',
          'soft-evict: close every connection once it is returned'))
    };
    Object.keys(card.buttons).forEach(function (action) {
      card.buttons[action].addEventListener('click', guarded(function () {
        poolAction(card, action);
      }));
    });
    root.appendChild(controls);
    return card;
  }

  function updatePoolCard(card, v) {
    card.view = v;
    setText(card.role, v.role || 'pool');
    setAttr(card.role, 'data-role', str(v.role));
    setText(card.cluster, v.cluster ? 'cluster ' + v.cluster : '');
    card.suspended.hidden = !v.suspended;
    setAttr(card.root, 'data-suspended', !!v.suspended);

    var health = v.health || {};
    var status = str(health.status) || 'UNKNOWN';
    setText(card.health, status);
    setAttr(card.health, 'data-status', status);
    var alerts = Array.isArray(health.alerts) ? health.alerts.map(str) : [];
    if (card.alertsText !== alerts.join('\n')) {
      card.alertsText = alerts.join('\n');
      card.alerts.textContent = '';
      alerts.forEach(function (a) { card.alerts.appendChild(el('li', null, a)); });
    }

    var overflow = num(v.overflow) > 0 ? ' (+' + num(v.overflow) + ' overflow)' : '';
    setText(card.fig.connections, num(v.active) + ' / ' + num(v.idle) + ' / ' + num(v.maxSize)
        + overflow);
    setText(card.fig.waiting, formatCount(num(v.waiting)));
    card.fig.waiting.classList.toggle('bad', num(v.waiting) > 0);
    setText(card.fig.wait, formatMillis(v.waitP50Millis) + ' / ' + formatMillis(v.waitP99Millis));
    setText(card.fig.hold, formatMillis(v.holdP50Millis) + ' / ' + formatMillis(v.holdP99Millis));
    setText(card.fig.hitRate, formatPercent(v.hitRate));
    setText(card.fig.acquired, formatCount(v.acquired));
    setText(card.fig.timeouts, formatCount(v.timeouts));
    card.fig.timeouts.classList.toggle('bad', num(v.timeouts) > 0);
    var closed = 0;
    if (v.destroyed && typeof v.destroyed === 'object') {
      Object.keys(v.destroyed).forEach(function (k) { closed += num(v.destroyed[k]); });
    }
    setText(card.fig.created, formatCount(v.created) + ' / ' + formatCount(closed));

    if (!card.dirty) {
      SIZE_FIELDS.forEach(function (f) {
        var input = card.inputs[f];
        if (document.activeElement !== input && input.value !== String(num(v[f]))) {
          input.value = String(num(v[f]));
        }
      });
    }
    if (!card.prePingBusy) {
      card.prePing.checked = !!v.prePing;
    }
    if (!card.actionBusy) {
      card.buttons.suspend.disabled = !!v.suspended;
      card.buttons.resume.disabled = !v.suspended;
    }
  }

  function appendPoint(card, time, v) {
    if (time <= card.lastTime) {
      return false;
    }
    var chart = card.chart;
    card.times.push(time);
    card.lastTime = time;
    if (chart) {
      chart.data.labels.push(clock(time));
      SERIES.forEach(function (s, i) { chart.data.datasets[i].data.push(num(v[s.key])); });
    }
    while (card.times.length > MAX_POINTS
        || (card.times.length > 1 && card.times[0] < time - CHART_MILLIS)) {
      card.times.shift();
      if (chart) {
        chart.data.labels.shift();
        chart.data.datasets.forEach(function (d) { d.data.shift(); });
      }
    }
    return true;
  }

  function redraw(card) {
    if (card.chart) {
      card.chart.update('none');
    }
  }

  function seedHistory(card) {
    api('GET', poolPath(card.name, 'history')).then(function (history) {
      if (card.removed) {
        return;
      }
      var samples = history && Array.isArray(history.samples) ? history.samples : [];
      samples.forEach(function (s) {
        var t = parseTime(s.time);
        if (t !== null) {
          appendPoint(card, t, s);
        }
      });
    }, function (err) {
      // a pool gone since (a scenario ended) is no error worth showing
      if (!card.removed && err.status !== 404) {
        showError('history of ' + card.name, err);
      }
    }).then(guarded(function () {
      if (card.removed) {
        return;
      }
      card.seeded = true;
      card.pending.forEach(function (p) { appendPoint(card, p.time, p.view); });
      card.pending = [];
      redraw(card);
    })).catch(pageError);
  }

  function removePoolCard(card) {
    card.removed = true;
    if (card.chart) {
      card.chart.destroy();
    }
    if (cenote.charts[card.name] === card.chart) {
      delete cenote.charts[card.name];
    }
    card.root.remove();
    state.pools.delete(card.name);
  }

  /** Shows exactly these pools; `time` is when they were measured, or null for no chart point. */
  function syncPools(views, time) {
    var container = $('pools');
    var shown = reconcile(container, state.pools, views, {
      make: function (v) {
        var card = createPoolCard(v);
        container.appendChild(card.root);
        card.chart = createChart(card.canvas, v.name);
        seedHistory(card);
        return card;
      },
      update: function (card, v) {
        updatePoolCard(card, v);
        if (time === null) {
          return;
        }
        if (card.seeded) {
          if (appendPoint(card, time, v)) {
            redraw(card);
          }
        } else {
          card.pending.push({ time: time, view: v });
        }
      },
      root: function (card) { return card.root; },
      drop: removePoolCard
    });
    $('pools-empty').hidden = shown > 0;
  }

  function resize(card) {
    var body = {};
    SIZE_FIELDS.forEach(function (f) {
      var input = card.inputs[f];
      input.classList.remove('invalid');
      var text = input.value.trim();
      // anything not an integer goes as null: the server's message names the field
      body[f] = /^-?\d+$/.test(text) ? parseInt(text, 10) : null;
    });
    card.resizeButton.disabled = true;
    api('PUT', poolPath(card.name, 'size'), body).then(function (view) {
      card.dirty = false;
      if (view && !card.removed) {
        updatePoolCard(card, view);
      }
    }, function (err) {
      if (err.field && card.inputs[err.field]) {
        card.inputs[err.field].classList.add('invalid');
      }
      showError('resize ' + card.name, err);
    }).then(function () {
      card.resizeButton.disabled = false;
    }).catch(pageError);
  }

  function setPrePing(card) {
    var enabled = card.prePing.checked;
    card.prePingBusy = true;
    api('PUT', poolPath(card.name, 'pre-ping'), { enabled: enabled }).then(function (view) {
      if (view && !card.removed) {
        card.prePingBusy = false;
        updatePoolCard(card, view);
      }
    }, function (err) {
      card.prePing.checked = !enabled;
      var unsupported = err.status === 405
          || (err.status === 404 && !/^unknown pool/.test(err.message));
      if (unsupported) {
        document.body.classList.add('no-pre-ping');
        showMessage('this server cannot switch pre-ping on and off', 'info');
      } else {
        showError('pre-ping ' + card.name, err);
      }
    }).then(function () {
      card.prePingBusy = false;
    }).catch(pageError);
  }

  function poolAction(card, action) {
    var button = card.buttons[action];
    button.disabled = true;
    card.actionBusy = true;
    api('POST', poolPath(card.name, action), {}).then(function (view) {
      card.actionBusy = false;
      if (view && !card.removed) {
        updatePoolCard(card, view);
      }
    }, function (err) {
      showError(action + ' ' + card.name, err);
    }).then(function () {
      card.actionBusy = false;
      // evict is always available; suspend and resume follow the pool's state
      button.disabled = false;
      if (card.view) {
        updatePoolCard(card, card.view);
      }
    }).catch(pageError);
  }

  // ---------------------------------------------------------------- clusters

  function createClusterCard(name) {
    var cluster = { name: name, rows: new Map() };
    var root = el('article', { 'class': 'card cluster', 'data-cluster': name });
    var head = root.appendChild(el('header', { 'class': 'card-head' }));
    head.appendChild(el('h3', null, name));
    cluster.writer = head.appendChild(el('span', { 'class': 'muted small' }));
    var table = root.appendChild(el('table', { 'class': 'hosts' }));
    var tr = table.appendChild(el('thead')).appendChild(el('tr'));
    [['Host'], ['Role', 'narrow'], ['State', 'host-state-col'], ['Breaker', 'narrow'],
      ['Reads', 'num'], ['Writes', 'num'], ['', 'host-actions']]
        .forEach(function (h) {
          tr.appendChild(el('th', h[1] ? { 'class': h[1] } : null, h[0]));
        });
    cluster.body = table.appendChild(el('tbody'));
    cluster.root = root;
    return cluster;
  }

  function createHostRow(cluster, hostName) {
    var key = cluster.name + '/' + hostName;
    var row = { name: hostName, tr: el('tr', { 'data-host': key }) };
    var tr = row.tr;
    var hostCell = tr.appendChild(el('td', { 'class': 'host-name' }));
    hostCell.appendChild(el('span', null, hostName));
    row.writerTag = hostCell.appendChild(el('span', { 'class': 'tag' }, 'writer'));
    row.role = tr.appendChild(el('td', { 'class': 'narrow' }));
    var stateCell = tr.appendChild(el('td', { 'class': 'host-state-col' }));
    row.state = stateCell.appendChild(el('span', { 'class': 'badge host-state' }));
    row.why = stateCell.appendChild(el('span', { 'class': 'why' }));
    row.detail = stateCell.appendChild(el('div', { 'class': 'muted small detail' }));
    row.breaker = tr.appendChild(el('td', { 'class': 'narrow' }))
        .appendChild(el('span', { 'class': 'badge breaker' }));
    var readsCell = tr.appendChild(el('td', { 'class': 'num' }));
    row.reads = readsCell.appendChild(el('span'));
    row.fallbacks = readsCell.appendChild(el('div', {
      'class': 'muted small', title: 'reads it served because no replica was eligible'
    }));
    row.writes = tr.appendChild(el('td', { 'class': 'num' }));
    var actions = tr.appendChild(el('td', { 'class': 'host-actions' }));
    ['down', 'up'].forEach(function (direction) {
      var b = actions.appendChild(el('button', {
        type: 'button', 'data-host-action': direction,
        title: direction === 'down' ? 'take this host down' : 'bring this host up'
      }, direction === 'down' ? 'Down' : 'Up'));
      b.addEventListener('click', guarded(function () {
        hostAction(cluster, hostName, direction, b);
      }));
    });
    return row;
  }

  function updateHostRow(row, h, writer) {
    var hostState = str(h.state) || 'healthy';
    setAttr(row.tr, 'data-state', hostState);
    row.writerTag.hidden = writer !== h.name;
    var configured = words(h.configuredRole);
    var reported = words(h.reportedRole);
    setText(row.role, reported && reported !== 'unknown' && reported !== configured
        ? configured + ' (reports ' + reported + ')' : configured);
    setText(row.state, hostState);
    setAttr(row.state, 'data-state', hostState);
    var why = h.exclusion && hostState !== 'lagging' ? words(h.exclusion) : '';
    if (typeof h.lagMillis === 'number' && hostState === 'lagging') {
      why = (why ? why + ', ' : '') + 'lag ' + formatMillis(h.lagMillis);
    }
    setText(row.why, why);
    setText(row.detail, h.detail || '');
    row.detail.hidden = !h.detail;
    var breaker = h.breaker ? str(h.breaker) : '';
    setText(row.breaker, breaker ? words(breaker) : '–');
    setAttr(row.breaker, 'data-breaker', breaker || 'none');
    setText(row.reads, formatCount(h.reads));
    setText(row.writes, formatCount(h.writes));
    setText(row.fallbacks, num(h.fallbacks) > 0 ? formatCount(h.fallbacks) + ' fallback' : '');
    row.fallbacks.hidden = !(num(h.fallbacks) > 0);
  }

  function updateCluster(cluster, view) {
    setText(cluster.writer, view.writer ? 'writes go to ' + view.writer : 'no writer');
    cluster.writer.classList.toggle('bad', !view.writer);
    reconcile(cluster.body, cluster.rows, view.hosts, {
      make: function (h) { return createHostRow(cluster, h.name); },
      update: function (row, h) { updateHostRow(row, h, view.writer); },
      root: function (row) { return row.tr; },
      drop: function (row) { row.tr.remove(); }
    });
  }

  function syncClusters(views) {
    var container = $('clusters');
    var shown = reconcile(container, state.clusters, views, {
      make: function (v) {
        var cluster = createClusterCard(v.name);
        container.appendChild(cluster.root);
        return cluster;
      },
      update: updateCluster,
      root: function (cluster) { return cluster.root; },
      drop: function (cluster) { cluster.root.remove(); }
    });
    $('clusters-panel').hidden = shown === 0;
  }

  function hostAction(cluster, host, direction, button) {
    button.disabled = true;
    var path = '/api/clusters/' + encodeURIComponent(cluster.name) + '/hosts/'
        + encodeURIComponent(host) + '/' + direction;
    var first = !state.hostCallsAnswered;
    api('POST', path, {}).then(function (view) {
      state.hostCallsAnswered = true;
      var current = state.clusters.get(cluster.name);
      if (view && current) {
        updateCluster(current, view);
      }
    }, function (err) {
      state.hostCallsAnswered = true;
      // without a ReplicaControl the server answers 404 for every host: the buttons go
      var noControl = err.status === 404
          && (first || !/^unknown (cluster|host)/.test(err.message));
      if (noControl) {
        document.body.classList.add('no-replica-control');
        showMessage(err.message, 'info');
      } else {
        showError(direction + ' ' + cluster.name + '/' + host, err);
      }
    }).then(function () {
      button.disabled = false;
    }).catch(pageError);
  }

  // ---------------------------------------------------------------- scenarios

  function createScenarioRow(name) {
    var row = { name: name };
    row.li = el('li', { 'class': 'scenario', 'data-scenario-row': name });
    var head = row.li.appendChild(el('div', { 'class': 'scenario-head' }));
    head.appendChild(el('span', { 'class': 'scenario-name' }, name));
    row.state = head.appendChild(el('span', { 'class': 'badge scenario-state' }));
    row.button = head.appendChild(el('button', { type: 'button', 'data-scenario': name }));
    row.button.addEventListener('click', guarded(function () { scenarioAction(row); }));
    row.started = row.li.appendChild(el('div', { 'class': 'muted small' }));
    row.summary = row.li.appendChild(el('p', { 'class': 'summary' }));
    return row;
  }

  function updateScenarioRow(row, s) {
    var st = str(s.state) || 'idle';
    row.status = s;
    setAttr(row.li, 'data-state', st);
    setAttr(row.button, 'data-state', st);
    setText(row.state, st);
    setAttr(row.state, 'data-state', st);
    if (!row.busy) {
      setText(row.button, st === 'running' ? 'Stop' : 'Start');
    }
    var started = parseTime(s.startedAt);
    setText(row.started, started === null ? '' : 'started ' + clock(started));
    row.started.hidden = started === null;
    setText(row.summary, s.summary || '');
    row.summary.hidden = !s.summary;
  }

  function syncScenarios(list) {
    var container = $('scenarios');
    var shown = reconcile(container, state.scenarios, list, {
      make: function (s) {
        var row = createScenarioRow(s.name);
        container.appendChild(row.li);
        return row;
      },
      update: updateScenarioRow,
      root: function (row) { return row.li; },
      drop: function (row) { row.li.remove(); }
    });
    $('scenarios-empty').hidden = shown > 0;
  }

  function scenarioAction(row) {
    var running = row.status && row.status.state === 'running';
    row.busy = true;
    row.button.disabled = true;
    api(running ? 'DELETE' : 'POST', '/api/scenarios/' + encodeURIComponent(row.name), {})
        .then(function (status) {
          row.busy = false;
          if (status && state.scenarios.get(row.name) === row) {
            updateScenarioRow(row, status);
          }
        }, function (err) {
          showError((running ? 'stop ' : 'start ') + row.name, err);
        }).then(function () {
          row.busy = false;
          row.button.disabled = false;
          if (row.status) {
            updateScenarioRow(row, row.status);
          }
        }).catch(pageError);
  }

  // ---------------------------------------------------------------- event timeline

  function addEvent(ev) {
    var list = $('events');
    var time = parseTime(ev.time);
    var kind = str(ev.kind) || 'unknown';
    var li = el('li', {
      'data-kind': kind,
      'data-tone': Object.prototype.hasOwnProperty.call(KIND_TONES, kind) ? KIND_TONES[kind]
          : 'plain',
      'data-seq': typeof ev.seq === 'number' ? ev.seq : null
    });
    li.appendChild(el('time', { datetime: str(ev.time) }, time === null ? '' : clock(time)));
    li.appendChild(el('span', { 'class': 'kind' }, words(kind)));
    li.appendChild(el('span', { 'class': 'source' }, str(ev.source)));
    li.appendChild(el('span', { 'class': 'text' }, str(ev.message)));
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX_EVENTS) {
      list.removeChild(list.lastChild);
    }
  }

  function showEventCount() {
    var n = $('events').children.length;
    $('events-empty').hidden = n > 0;
    setText($('events-count'), n > 0 ? String(n) : '');
  }

  function clearEvents() {
    $('events').textContent = '';
    state.lastSeq = 0;
    showEventCount();
  }

  // ---------------------------------------------------------------- live stream

  function setConnection(what, text) {
    state.connection = what;
    var box = $('connection');
    setAttr(box, 'data-state', what);
    setText(box, text || what);
  }

  function parseData(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  }

  function onStats(msg) {
    if (!msg || typeof msg !== 'object') {
      return;
    }
    state.lastStats = Date.now();
    if (state.connection !== 'live') {
      setConnection('live');
    }
    var time = parseTime(msg.time);
    syncPools(Array.isArray(msg.pools) ? msg.pools : [], time === null ? Date.now() : time);
    syncClusters(Array.isArray(msg.clusters) ? msg.clusters : []);
    syncScenarios(Array.isArray(msg.scenarios) ? msg.scenarios : []);
  }

  function onPoolEvent(ev) {
    if (!ev || typeof ev !== 'object') {
      return;
    }
    if (typeof ev.seq === 'number') {
      if (ev.seq <= state.lastSeq) {
        return; // already shown
      }
      state.lastSeq = ev.seq;
    }
    addEvent(ev);
    showEventCount();
  }

  function connect() {
    if (typeof window.EventSource !== 'function') {
      setConnection('offline', 'no live updates');
      showMessage('this browser has no EventSource; the page cannot follow the server');
      return;
    }
    var url = '/api/events' + (state.token ? '?token=' + encodeURIComponent(state.token) : '');
    var source = new window.EventSource(url);
    state.source = source;
    // the new stream replays the events the server retains
    clearEvents();
    source.addEventListener('open', guarded(function () {
      if (state.source === source) {
        setConnection('live');
      }
    }));
    source.addEventListener('stats', guarded(function (e) { onStats(parseData(e)); }));
    source.addEventListener('pool-event', guarded(function (e) { onPoolEvent(parseData(e)); }));
    source.addEventListener('error', guarded(function () {
      if (state.source !== source) {
        return;
      }
      // Reconnect with a fresh stream rather than the browser's Last-Event-ID resume: after a
      // server restart the numbers start again at 1 and a resume would skip the new events.
      source.close();
      state.source = null;
      setConnection('reconnecting');
      // a plain request says why (server gone, 401) in the message area; without the right
      // token retrying is pointless until the page is opened again with ?token=
      var retry = guarded(connect);
      api('GET', '/api/health').then(function () {
        setTimeout(retry, RECONNECT_MILLIS);
      }, function (err) {
        if (err.status === 401) {
          setConnection('offline', 'token needed');
          showError('live updates', err);
          return;
        }
        if (err.status !== 503) {
          showError('live updates', err);
        }
        setTimeout(retry, RECONNECT_MILLIS);
      }).catch(pageError);
    }));
  }

  function watchStaleness() {
    var live = state.connection === 'live' || state.connection === 'stale';
    if (live && state.lastStats > 0 && Date.now() - state.lastStats > STALE_MILLIS) {
      setConnection('stale', 'no stats for ' + Math.round((Date.now() - state.lastStats) / 1000)
          + ' s');
    }
  }

  /** Fills the page at once, before the first stats message; stats win when they came first. */
  function loadInitial() {
    api('GET', '/api/pools').then(guarded(function (pools) {
      if (state.lastStats === 0 && Array.isArray(pools)) {
        syncPools(pools, null);
      }
    }), function (err) { showError('pools', err); }).catch(pageError);
    api('GET', '/api/clusters').then(guarded(function (clusters) {
      if (state.lastStats === 0 && Array.isArray(clusters)) {
        syncClusters(clusters);
      }
    }), function (err) { showError('clusters', err); }).catch(pageError);
    api('GET', '/api/scenarios').then(guarded(function (scenarios) {
      if (state.lastStats === 0 && Array.isArray(scenarios)) {
        syncScenarios(scenarios);
      }
    }), function (err) { showError('scenarios', err); }).catch(pageError);
  }

  function start() {
    state.token = readToken();
    loadInitial();
    connect();
    setInterval(guarded(watchStaleness), 1000);
    var churn = $('show-churn');
    churn.addEventListener('change', guarded(function () {
      document.body.classList.toggle('hide-churn', !churn.checked);
    }));
    window.addEventListener('beforeunload', function () {
      if (state.source) {
        state.source.close();
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', guarded(start));
  } else {
    guarded(start)();
  }
}());
