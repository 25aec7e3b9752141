/* global document */
// Counters for the portal's request forms: "已输入 n / max 字" under each field with a maxlength.
// The page works without this script; the server refuses over-long text with its length.
(function () {
  'use strict';
  var counters = document.querySelectorAll('.counter[data-max]');
  Array.prototype.forEach.call(counters, function (counter) {
    var id = counter.id.replace(/-count$/, '');
    var field = document.getElementById(id);
    if (!field) return;
    var max = Number(counter.getAttribute('data-max'));
    var update = function () {
      var n = Array.from(field.value).length;
      counter.textContent = '已输入 ' + n + ' 字，最多 ' + max + ' 字';
      counter.classList.toggle('over', n >= max);
    };
    field.addEventListener('input', update);
    update();
  });
})();
