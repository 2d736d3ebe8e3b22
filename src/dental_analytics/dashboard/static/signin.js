// The sign-in page: a name and password, or a one-time link (?link=...), both posted to the API,
// which answers with the HttpOnly session cookie; then on to the page asked for (?next=/path).
const params = new URLSearchParams(location.search);
const message = document.getElementById("message");

function next() {
  const target = params.get("next") || "/";
  // Only a path of this server: never an open redirect.
  return target.startsWith("/") && !target.startsWith("//") ? target : "/";
}

async function post(url, body) {
  message.textContent = "Signing in…";
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    message.textContent = "The server cannot be reached.";
    return;
  }
  if (response.ok) {
    location.assign(next());
    return;
  }
  let detail = `sign-in failed (${response.status})`;
  try {
    detail = (await response.json()).error || detail;
  } catch {}
  message.textContent = typeof detail === "string" ? detail : "sign-in failed";
}

const link = params.get("link");
if (link) {
  const form = document.getElementById("link-form");
  form.hidden = false;
  // The link leaves the address bar (and history) at once: it works only once anyway.
  history.replaceState(null, "", "/signin");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    post("/api/session/link", { link });
  });
  form.querySelector("button").focus();
}

document.getElementById("password-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(event.target);
  post("/api/session", { name: data.get("name"), password: data.get("password") });
});
