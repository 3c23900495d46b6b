// theme.js runs before the page is drawn, so a chosen theme shows without a flash of the other.
(function () {
  try {
    var t = localStorage.getItem("theme");
    if (t === "dark" || t === "light") document.documentElement.dataset.theme = t;
  } catch (e) { /* storage off: follow the system's preference */ }
})();
