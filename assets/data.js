// Data page: report the name and size of every file dropped on or chosen in the upload zone, so the server can say
// which files the browser refused for their size (dcc.Upload's max_size drops them silently, before any upload).
(function () {
    "use strict";
    function report(event, files) {
        const zone = event.target && event.target.closest ? event.target.closest("#data-upload") : null;
        if (!zone || !files || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        const list = Array.from(files).map(function (file) { return {name: file.name, size: file.size}; });
        window.dash_clientside.set_props("data-upload-files", {data: {files: list, at: Date.now()}});
    }
    document.addEventListener("drop", function (event) { report(event, event.dataTransfer && event.dataTransfer.files); }, true);
    document.addEventListener("change", function (event) { report(event, event.target && event.target.files); }, true);
})();
