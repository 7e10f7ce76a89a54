// Optional map pin: fills the hidden latitude/longitude fields from the phone's location.
(function () {
  "use strict";
  var button = document.getElementById("aduan-locate");
  if (!button || !navigator.geolocation) { return; }
  button.parentNode.hidden = false;
  var out = document.getElementById("aduan-locate-status");
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_latitude").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_longitude").value = pos.coords.longitude.toFixed(6);
      out.textContent = pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5);
    }, function () { out.textContent = "✗"; });
  });
})();
