// The supervision report's print button (a script file, not inline, so a strict content policy can be added later).
document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
