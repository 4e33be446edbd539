// The page's router: the URL decides the view (/, /jobs/{id}, /jobs/{id}/employees/{employee}, /capacity/{id}).
import { setLanguage } from "./api.js";
import { h, replace } from "./dom.js";
import { preferred, use } from "./i18n.js";
import { capacityView } from "./views/capacity.js";
import { errorBox } from "./views/common.js";
import { jobView } from "./views/job.js";
import { personView } from "./views/person.js";
import { startView } from "./views/start.js";

const main = document.getElementById("main");
let controller = null;

function match(path) {
  let m;
  if ((m = path.match(/^\/jobs\/([^/]+)\/employees\/([^/]+)\/?$/))) return [personView, { jobId: decodeURIComponent(m[1]), employeeId: decodeURIComponent(m[2]) }];
  if ((m = path.match(/^\/jobs\/([^/]+)\/?$/))) return [jobView, { jobId: decodeURIComponent(m[1]) }];
  if ((m = path.match(/^\/capacity\/([^/]+)\/?$/))) return [capacityView, { jobId: decodeURIComponent(m[1]) }];
  return [startView, {}];
}

/** Go to a URL of the page without reloading it. */
export function go(url, replaceState = false) {
  if (replaceState) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  route();
}

async function route() {
  controller?.abort();
  controller = new AbortController();
  const [view, params] = match(location.pathname);
  const team = new URLSearchParams(location.search).get("team") || "";
  main.dataset.view = view.name;
  delete main.dataset.ready;
  main.setAttribute("aria-busy", "true");
  try {
    await view(main, { ...params, team, signal: controller.signal, go });
  } catch (error) {
    if (!controller.signal.aborted) replace(main, h("h1", {}, document.title), errorBox(error));
  } finally {
    main.removeAttribute("aria-busy");
    if (!controller.signal.aborted) main.dataset.ready = view.name;
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-nav]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  go(link.getAttribute("href"));
});
window.addEventListener("popstate", route);

const select = document.getElementById("lang");
select.addEventListener("change", async () => {
  setLanguage(select.value);
  await use(select.value);
  route();
});

async function start() {
  const language = preferred();
  select.value = language;
  setLanguage(language);
  try {
    await use(language);
  } catch (error) {
    replace(main, errorBox(error));
    return;
  }
  route();
}

start();
