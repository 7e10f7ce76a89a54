// The operators' live queue: new and changed complaints appear without reloading. EventSource
// reconnects by itself (the server closes each stream after ~25 s and sends Last-Event-ID).
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var list = document.getElementById("live-items");
  if (!status || !list || !window.EventSource) { return; }
  var manage = status.getAttribute("data-manage");
  var source = new EventSource(status.getAttribute("data-stream"));
  var seen = {};
  source.addEventListener("complaint", function (event) {
    var item = JSON.parse(event.data);
    var li = seen[item.id];
    if (!li) {
      li = document.createElement("li");
      seen[item.id] = li;
    }
    li.textContent = "";
    var link = document.createElement("a");
    link.href = manage.replace("/0/", "/" + item.id + "/");
    link.textContent = item.number + " · " + item.title;
    var badge = document.createElement("span");
    badge.className = "status status-" + item.status;
    badge.textContent = item.status_label;
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badge);
    list.insertBefore(li, list.firstChild);
  });
})();
