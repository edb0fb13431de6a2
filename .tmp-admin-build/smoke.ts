import { DEMO_PASSWORD } from '../signaling/src/catalogue/demo-data.ts';
import { startTestServer } from '../signaling/src/testing/test-server.ts';
import { click, launchChromium, loginStaffInPage, openPage, wcagViolations, waitForTestId } from '../test/support/browser.ts';
import type { Page } from 'puppeteer-core';

const server = await startTestServer({ appsRoot: '/tmp/apps-root' });
const browser = await launchChromium();
const sel = (id: string) => `[data-testid="${id}"]`;
async function setValue(page: Page, testId: string, value: string) {
  await page.waitForSelector(sel(testId));
  await page.evaluate((s, v) => {
    const el = document.querySelector(s) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    if (!(el instanceof HTMLSelectElement)) el.dispatchEvent(new Event('change', { bubbles: true }));
  }, sel(testId), value);
}
const axe = async (page: Page, where: string) => {
  const v = await wcagViolations(page);
  console.log(`axe ${where}:`, v.length ? JSON.stringify(v) : 'clean');
};
const text = (page: Page, testId: string) => page.$eval(sel(testId), (el) => el.textContent ?? '');
try {
  const page = await openPage(browser, `${server.url}/agent/`);
  page.on('response', (r) => { if (r.status() >= 400) console.log('[http]', r.status(), r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') console.log('[console]', m.text()); });
  await loginStaffInPage(page, 'admin', DEMO_PASSWORD);
  await waitForTestId(page, 'admin-nav-points');
  await axe(page, 'points');
  // validation
  await click(page, 'point-add');
  await click(page, 'point-save');
  await waitForTestId(page, 'form-error');
  const described = await page.$eval(sel('point-municipality'), (el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((id) => document.getElementById(id)?.textContent).join('|') + ' invalid=' + el.getAttribute('aria-invalid');
  });
  console.log('municipality error:', described);
  await axe(page, 'point form with errors');
  // create XS bus
  await click(page, 'point-kind-XS');
  for (const l of ['fi', 'sv', 'en']) await setValue(page, `point-name-${l}`, `Testibussi ${l}`);
  await setValue(page, 'point-municipality', 'Inari');
  await setValue(page, 'point-region', 'Lappi');
  await click(page, 'point-agency-kela');
  await page.screenshot({ path: '/tmp/admin-point-form.png', fullPage: true });
  await click(page, 'point-save');
  await page.waitForFunction(() => document.body.textContent?.includes('Tallennettu: Testibussi fi'), { timeout: 5000 });
  console.log('bus created');
  // timetable
  await click(page, 'admin-nav-timetable');
  await waitForTestId(page, 'admin-point-select');
  const busId = await page.$eval(sel('admin-point-select'), (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith('Testibussi'))!.value);
  await setValue(page, 'admin-point-select', busId);
  await setValue(page, 'stop-batch-place', 'Tori');
  await click(page, 'stop-batch-submit');
  await waitForTestId(page, 'stop-list');
  console.log('stops listed:', (await page.$$('[data-testid^="stop-st_"]')).length);
  await setValue(page, 'stop-place', 'Koulu');
  await setValue(page, 'stop-from', '15:00');
  await setValue(page, 'stop-to', '17:00');
  await click(page, 'stop-add');
  await page.waitForFunction(() => document.body.textContent?.includes('Koulu'), { timeout: 5000 });
  await axe(page, 'timetable');
  await page.screenshot({ path: '/tmp/admin-timetable.png', fullPage: true });
  // windows
  await click(page, 'admin-nav-windows');
  await click(page, 'window-new');
  await page.waitForFunction(() => (document.querySelector('[data-testid="window-stop"]') as HTMLSelectElement)?.options.length > 1, { timeout: 5000 });
  const firstStop = await page.$eval(sel('window-stop'), (el) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes('Tori'))!.value);
  await setValue(page, 'window-stop', firstStop);
  await setValue(page, 'window-slot-minutes', '30');
  await click(page, 'window-add');
  await waitForTestId(page, 'window-list');
  console.log('window rows:', (await page.$$('[data-testid^="window-w_"]')).length);
  await axe(page, 'windows');
  // policy
  await click(page, 'admin-nav-policy');
  await setValue(page, 'policy-grace', '2');
  await click(page, 'policy-save');
  await waitForTestId(page, 'form-error');
  console.log('policy error shown:', await text(page, 'form-error'));
  await setValue(page, 'policy-grace', '180');
  await click(page, 'policy-save');
  await waitForTestId(page, 'form-saved');
  await axe(page, 'policy');
  // bookings
  await click(page, 'admin-nav-bookings');
  await waitForTestId(page, 'booking-date');
  const stopDate = await page.evaluate(async (id, stopId) => {
    const token = JSON.parse(sessionStorage.getItem('etapiste.agent.login')!).token;
    const r = await fetch(`/api/admin/service-points/${id}/stops`, { headers: { authorization: `Bearer ${token}` } });
    return (await r.json()).find((s: { id: string }) => s.id === stopId).date as string;
  }, busId, firstStop);
  await setValue(page, 'booking-date', stopDate);
  try {
    await page.waitForSelector('[data-testid^="booking-slot-"]:not([disabled])', { timeout: 5000 });
    await page.click('[data-testid^="booking-slot-"]:not([disabled])');
    await click(page, 'booking-submit');
    await waitForTestId(page, 'booking-code');
    console.log('booking code:', await text(page, 'booking-code'));
    await waitForTestId(page, 'booking-list');
    const bookingRow = await page.$eval('[data-testid^="booking-cancel-"]', (el) => el.getAttribute('data-testid')!.slice('booking-cancel-'.length));
    await click(page, `booking-rebook-${bookingRow}`);
    await page.waitForSelector('[data-testid^="booking-slot-"]:not([disabled])');
    const slots = await page.$$('[data-testid^="booking-slot-"]:not([disabled])');
    await slots[1]!.click();
    await click(page, 'booking-submit');
    await page.waitForFunction(() => document.body.textContent?.includes('Varaus siirrettiin'), { timeout: 5000 });
    console.log('rebooked; rows:', await page.$eval('[data-testid="booking-list"] tbody', (el) => el.textContent));
    await click(page, `booking-cancel-${bookingRow}`);
    await page.waitForFunction(() => document.body.textContent?.includes('Varaus peruttiin'), { timeout: 5000 });
    console.log('cancelled; rows:', await page.$eval('[data-testid="booking-list"] tbody', (el) => el.textContent));
  } catch (error) {
    console.log('booking flow failed:', String(error), await page.$eval('main', (el) => el.textContent));
  }
  await axe(page, 'bookings');
  await page.screenshot({ path: '/tmp/admin-bookings2.png', fullPage: true });
  await click(page, 'admin-nav-agencies');
  await click(page, 'agency-services-kela');
  await axe(page, 'agencies');
  await page.screenshot({ path: '/tmp/admin-bookings.png', fullPage: true });
  // supervisor
  const sup = await openPage(browser, `${server.url}/agent/`);
  await sup.evaluate(() => sessionStorage.clear());
  await loginStaffInPage(sup, 'supervisor.kela', DEMO_PASSWORD);
  await waitForTestId(sup, 'admin-read-only');
  console.log('supervisor sees point-add:', (await sup.$(sel('point-add'))) !== null);
} finally {
  await browser.close();
  await server.close();
}
