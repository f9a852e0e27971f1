// The CDR page's player: a play button (data-src = the recording's URL) loads it into the one <audio>
// element, which streams it with Range requests (so seeking works) and plays it. Rows come and go with
// ajax paging, hence one delegated listener on the document.
(function () {
    "use strict";
    var player = document.getElementById("ql-player");
    var audio = document.getElementById("ql-audio");
    var title = document.getElementById("ql-player-title");
    var error = document.getElementById("ql-player-error");
    if (!player || !audio) {
        return;
    }
    var current = null;
    document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest(".ql-play") : null;
        if (!button) {
            return;
        }
        if (current) {
            current.classList.remove("ql-playing");
        }
        current = button;
        button.classList.add("ql-playing");
        var row = button.closest("tr");
        var time = row ? row.querySelector(".cdr-calldate") : null;
        var src = row ? row.querySelector(".cdr-src") : null;
        title.textContent = (time ? time.textContent.trim() : "") + (src ? " · " + src.textContent.trim() : "");
        error.hidden = true;
        player.hidden = false;
        audio.src = button.getAttribute("data-src");
        var playing = audio.play();
        if (playing && playing.catch) {
            playing.catch(function () { /* autoplay refused or load failed: the error event says which */ });
        }
    });
    audio.addEventListener("error", function () {
        error.hidden = false;
    });
    document.getElementById("ql-player-close").addEventListener("click", function () {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
        player.hidden = true;
        if (current) {
            current.classList.remove("ql-playing");
        }
    });
}());
