// sovgame explore: sends the page's state (kappa and the --set changes) to the server and
// shows the part of the page it renders back. The server computes everything; this script
// only keeps the state, the address and the controls in step.
"use strict";
(function () {
  const token = document.querySelector('meta[name="sovgame-token"]').content;
  const live = document.getElementById("live");
  const kappaText = document.getElementById("kappa");
  const state = readState();
  let pending = null;
  let timer = null;

  function readState() {
    const params = new URLSearchParams(location.search);
    const sets = new Map();
    for (const text of params.getAll("set")) sets.set(keyOf(text), text);
    return { kappa: params.get("kappa") || kappaText.value, sets: sets };
  }

  function keyOf(text) {
    return text.split("=")[0].trim();
  }

  function query() {
    const params = new URLSearchParams();
    params.append("kappa", state.kappa);
    for (const text of state.sets.values()) params.append("set", text);
    return params.toString();
  }

  function change(text) {
    const key = keyOf(text);
    state.sets.delete(key); // the latest change of a key goes last
    state.sets.set(key, text);
    schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 40);
  }

  async function update() {
    const q = query();
    history.replaceState(null, "", "?" + q);
    document.getElementById("export").href = "report?" + q;
    if (pending) pending.abort();
    pending = new AbortController();
    document.body.classList.add("busy");
    try {
      const response = await fetch("live?" + q, { signal: pending.signal });
      live.innerHTML = await response.text();
      showErrors(JSON.parse(response.headers.get("X-Sovgame-Errors") || "{}"));
      document.body.classList.remove("busy");
    } catch (error) {
      if (error.name !== "AbortError") {
        document.body.classList.remove("busy");
        live.insertAdjacentHTML("afterbegin", '<p class="error" role="alert">the server does not answer; is it still running?</p>');
      }
    }
  }

  function showErrors(errors) {
    for (const box of document.querySelectorAll("#panel [data-error-for]")) {
      const message = errors[box.dataset.errorFor];
      box.textContent = message || "";
      box.hidden = !message;
    }
  }

  // Sliders and the number fields beside them move together.
  for (const slider of document.querySelectorAll('#panel input[type="range"]')) {
    const field = document.getElementById(slider.dataset.for);
    slider.addEventListener("input", function () {
      field.value = slider.value;
      apply(field);
    });
    field.addEventListener("change", function () {
      if (!isNaN(Number(field.value))) slider.value = field.value;
      apply(field);
    });
  }

  function apply(field) {
    if (field.id === "kappa") {
      state.kappa = field.value.trim();
      schedule();
    } else if (field.id === "payoff") {
      change(document.getElementById("payoff-choice").value + "=" + field.value.trim());
    } else {
      const slider = document.getElementById(field.id + "-range");
      const name = slider.dataset.cost;
      const weights = Array.from(document.querySelectorAll('#panel input[data-cost="' + CSS.escape(name) + '"]'))
        .sort(function (a, b) { return a.dataset.player - b.dataset.player; })
        .map(function (s) { return document.getElementById(s.dataset.for).value.trim(); });
      change("cost:" + name + "=" + weights.join(","));
    }
  }

  // The payoff slider starts from the chosen payoff's value in the matrix.
  const choice = document.getElementById("payoff-choice");
  choice.addEventListener("change", function () {
    const option = choice.selectedOptions[0];
    const cell = live.querySelector('input.payoff[data-key="' + CSS.escape(option.dataset.outcome) + '"]');
    const values = cell ? cell.value.split(",") : [];
    const value = (values[Number(option.dataset.player)] || option.dataset.value).trim();
    document.getElementById("payoff").value = value;
    if (!isNaN(Number(value))) document.getElementById("payoff-range").value = value;
  });

  // A cell's payoffs are applied with Enter or when the field is left.
  live.addEventListener("change", function (event) {
    const cell = event.target;
    if (cell.classList && cell.classList.contains("payoff") && cell.value.trim()) {
      change(cell.dataset.key + "=" + cell.value.trim());
    }
  });
  live.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList.contains("payoff")) event.target.blur();
  });

  document.getElementById("reset").addEventListener("click", function () {
    location.search = "";
  });

  document.getElementById("copy").addEventListener("click", async function () {
    const text = document.getElementById("command-text").textContent;
    const button = document.getElementById("copy");
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch (error) {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById("command-text"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      button.textContent = "Selected: copy it";
    }
    setTimeout(function () { button.textContent = "Copy as command"; }, 1500);
  });

  document.getElementById("save").addEventListener("click", async function () {
    const result = document.getElementById("save-result");
    result.textContent = "saving...";
    const body = {
      path: document.getElementById("save-path").value,
      overwrite: document.getElementById("save-overwrite").checked,
      set: Array.from(state.sets.values()),
    };
    try {
      const response = await fetch("save", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Sovgame-Token": token },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      result.textContent = answer.message;
      result.className = answer.ok ? "ok" : "error";
    } catch (error) {
      result.textContent = "not saved: the server does not answer";
      result.className = "error";
    }
  });
})();
