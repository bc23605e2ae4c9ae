// Frontline's one global script. Pages that keep data in the browser (the offline registration
// queue) store it under keys starting with "frontline:" in localStorage or in IndexedDB databases
// named "frontline-…". Logging out clears all of it, so a shared phone keeps no personal data.
(function () {
  "use strict";
  function clearLocalData() {
    try {
      Object.keys(localStorage).filter(function (k) { return k.indexOf("frontline:") === 0; })
        .forEach(function (k) { localStorage.removeItem(k); });
    } catch (e) { /* storage disabled */ }
    if (window.indexedDB && indexedDB.databases) {
      indexedDB.databases().then(function (dbs) {
        dbs.filter(function (d) { return d.name && d.name.indexOf("frontline-") === 0; })
          .forEach(function (d) { indexedDB.deleteDatabase(d.name); });
      });
    }
  }
  window.frontlineClearLocalData = clearLocalData;
  document.addEventListener("submit", function (ev) {
    if (ev.target && ev.target.id === "logout-form") { clearLocalData(); }
  }, true);
})();
