// The family review page's one script (put in by export/review_page.rs and allowed by its hash
// in the page's Content-Security-Policy). Every fixed word it writes comes from the page's
// review-data block, made in Rust, so its text is the one the partnership's import reads; the
// script adds only the parent's own choices and words.
(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var data = JSON.parse(byId('review-data').textContent);
  var form = byId('review-form');
  var from = byId('review-from');
  var status = byId('status');
  var box = byId('answers-box');
  var boxText = byId('answers-text');
  var email = byId('email-answers');
  // Answers not yet copied, emailed or downloaded since the last change.
  var unsent = false;

  document.documentElement.className = 'js';

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function checked(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : null;
  }

  // The answers on screen, one per part, in the page's order.
  function comments() {
    return data.parts.map(function (part) {
      var comment = { target: part.target, response: checked(part.name + '-view'), words: byId(part.name + '-words').value };
      var felt = checked(part.name + '-felt');
      if (felt) comment.experience = felt;
      return comment;
    });
  }

  function answered(comment) {
    return Boolean(comment.response || comment.experience || comment.words.trim());
  }

  function oneLine(text) {
    return text.split(/\s+/).filter(Boolean).join(' ');
  }

  // Drafts are the app's own format (review_pack::ReviewDraft), typed text only.
  function loadDraft() {
    try {
      var draft = JSON.parse(localStorage.getItem(data.draft_key) || 'null');
      return draft && typeof draft.feedback_id === 'string' && draft.feedback_id ? draft : null;
    } catch (e) {
      return null;
    }
  }

  var draft = loadDraft();
  var feedbackId = draft ? draft.feedback_id : newId();
  if (draft) {
    if (typeof draft.from === 'string') from.value = draft.from;
    (Array.isArray(draft.comments) ? draft.comments : []).forEach(function (comment) {
      var target = JSON.stringify(comment && comment.target);
      var part = data.parts.filter(function (p) { return JSON.stringify(p.target) === target; })[0];
      if (!part) return;
      [['view', comment.response], ['felt', comment.experience]].forEach(function (pair) {
        var input = byId(part.name + '-' + pair[0] + '-' + pair[1]);
        if (typeof pair[1] === 'string' && input) input.checked = true;
      });
      if (typeof comment.words === 'string') byId(part.name + '-words').value = comment.words;
    });
  }

  function saveDraft() {
    var kept = { feedback_id: feedbackId, from: from.value, comments: comments().filter(answered) };
    try {
      localStorage.setItem(data.draft_key, JSON.stringify(kept));
    } catch (e) {
      byId('kept').textContent = data.messages.not_kept;
    }
  }

  function asText(at) {
    var t = data.text;
    var out = t.head + '\n' + t.answers_id + feedbackId + '\n' + t.pack + '\n' + t.written + at + '\n';
    var about = oneLine(from.value);
    if (about) out += t.about_me + about + '\n';
    comments().forEach(function (comment, n) {
      if (!answered(comment)) return;
      out += '\n' + data.parts[n].ref + '\n' + data.parts[n].title + '\n';
      if (comment.response) out += t.said + data.responses[comment.response] + '\n';
      if (comment.experience) out += t.feels + data.experiences[comment.experience] + '\n';
      var words = comment.words.trim();
      if (words) {
        words.split('\n').forEach(function (line, i) {
          out += (i === 0 ? t.comment : t.more) + line.replace(/\s+$/, '') + '\n';
        });
      }
    });
    return out;
  }

  // As review_pack::mailto: every byte but the unreserved ones escaped, line ends as CRLF.
  function mailto(text) {
    var body = encodeURIComponent(text.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n'));
    return data.mailto + body.replace(/[!'()*]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); });
  }

  function feedbackFile(at) {
    var answers = comments().filter(answered);
    var file = {
      format: data.feedback.format,
      format_version: data.feedback.format_version,
      area: data.feedback.area,
      feedback: { id: feedbackId, from: from.value.trim(), at: at, comments: answers },
    };
    return JSON.stringify(file, null, 2);
  }

  function today() {
    var d = new Date();
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  function say(message) {
    status.textContent = '';
    var p = document.createElement('p');
    p.textContent = message;
    status.appendChild(p);
  }

  var summary = byId('error-summary');
  // Nothing answered: the error summary names the first question, and takes focus.
  function anyAnswered() {
    if (comments().some(answered)) {
      summary.hidden = true;
      return true;
    }
    var link = byId('error-link');
    link.textContent = data.messages.nothing;
    link.href = data.parts.length ? '#' + data.parts[0].name + '-view-' + Object.keys(data.responses)[0] : '#parts';
    summary.hidden = false;
    summary.focus();
    return false;
  }

  function changed() {
    unsent = comments().some(answered);
    email.href = mailto(asText(new Date().toISOString()));
    saveDraft();
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  byId('copy-answers').addEventListener('click', function () {
    if (!anyAnswered()) return;
    var text = asText(new Date().toISOString());
    box.hidden = false;
    boxText.value = text;
    unsent = false;
    var shown = function () { boxText.focus(); boxText.select(); say(data.messages.shown); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(data.messages.copied); }, shown);
    } else {
      shown();
    }
  });

  email.addEventListener('click', function (e) {
    if (!anyAnswered()) {
      e.preventDefault();
      return;
    }
    email.href = mailto(asText(new Date().toISOString()));
    unsent = false;
  });

  byId('download-answers').addEventListener('click', function () {
    if (!anyAnswered()) return;
    var url = URL.createObjectURL(new Blob([feedbackFile(new Date().toISOString())], { type: 'application/json' }));
    var link = document.createElement('a');
    link.href = url;
    link.download = data.feedback.file_start + today() + '.json';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    unsent = false;
    say(data.messages.downloaded);
  });

  window.addEventListener('beforeunload', function (e) {
    if (!unsent) return;
    e.preventDefault();
    e.returnValue = '';
  });

  // A restored draft counts as not sent, as in the app: this page cannot know it was.
  if (draft) changed();
})();
