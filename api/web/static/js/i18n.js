// The page's messages: the product's gettext catalogues, served as JSON by GET /v1/i18n/{lang}.
import { catalogue } from "./api.js";

const STORAGE = "roster.lang";
export const LANGUAGES = ["en", "id"];
let current = "en";
let messages = {};
let fallback = {};

/** The language in use. */
export function lang() {
  return current;
}

/** The language the user chose before, else the browser's, else English. */
export function preferred() {
  const saved = localStorage.getItem(STORAGE);
  if (LANGUAGES.includes(saved)) return saved;
  const browser = (navigator.language || "en").toLowerCase().split("-")[0];
  return LANGUAGES.includes(browser) ? browser : "en";
}

/** Load a language's catalogue and make it current. */
export async function use(language) {
  if (!LANGUAGES.includes(language)) language = "en";
  if (!Object.keys(fallback).length) fallback = (await catalogue("en")).messages;
  messages = language === "en" ? fallback : (await catalogue(language)).messages;
  current = language;
  localStorage.setItem(STORAGE, language);
  document.documentElement.lang = language;
  document.title = t("app.title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
}

/** A message with {name} parameters filled in (numbers formatted for the language). */
export function t(id, params = {}) {
  const text = messages[id] ?? fallback[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return typeof value === "number" ? number(value) : String(value);
  });
}

function locale() {
  return current === "id" ? "id-ID" : "en-GB";
}

/** A number in the language's format. */
export function number(value, digits = 2) {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** "mon"… of an ISO date. */
export function weekdayKey(date) {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** "Mon 7 Dec" / "Sen 7 Des". */
export function shortDate(date) {
  const day = new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", timeZone: "UTC" });
  return `${t(`weekday.${weekdayKey(date)}`)} ${day.format(new Date(`${date}T00:00:00Z`))}`;
}

/** "7 December 2026". */
export function longDate(date) {
  const format = new Intl.DateTimeFormat(locale(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return format.format(new Date(`${date}T00:00:00Z`));
}
