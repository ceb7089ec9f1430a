/**
 * The camera path in core: the one media-permission rule both shells ask (camera-permission.ts), the
 * attachment screen opening and closing the camera, and a photographed page going into the same
 * attachment as a scanned one (A4-sized in the PDF), refused when the camera is not open.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttachmentService, photoDpi } from '../../../../src/core/attachments/attachment-service';
import { cameraHealthCheck, cameraNames, connectedCamera } from '../../../../src/core/attachments/camera-devices';
import { mediaPermitted, type MediaRequest } from '../../../../src/core/attachments/camera-permission';
import { attachmentsConfigSchema } from '../../../../src/core/attachments/config';
import { jpegSize } from '../../../../src/core/attachments/jpeg-image';
import { attachmentFlow, attachmentWorld, failure } from './attachment-fixtures';

const jpeg = readFileSync(new URL('../../fixtures/attachments/grid-75dpi.jpg', import.meta.url));
const image = `data:image/jpeg;base64,${jpeg.toString('base64')}`;

const HOST = 'http://127.0.0.1:41234';
const camera = (origin: string | null, mediaTypes: string[] | undefined = ['video']): MediaRequest => ({
  permission: 'media',
  origin,
  mediaTypes,
});

describe('mediaPermitted: the one rule for the kiosk page’s media permission', () => {
  it('allows the camera to the kiosk’s own origin while the attachment screen has it open', () => {
    expect(mediaPermitted(camera('app://kiosk/index.html'), 'app://kiosk', true)).toBe(true);
    expect(mediaPermitted(camera('app://kiosk'), 'app://kiosk', true)).toBe(true);
    expect(mediaPermitted(camera(`${HOST}/`), HOST, true)).toBe(true);
  });

  it('refuses everything while the camera is not open', () => {
    expect(mediaPermitted(camera('app://kiosk/index.html'), 'app://kiosk', false)).toBe(false);
    expect(mediaPermitted(camera(HOST), HOST, false)).toBe(false);
  });

  it('never the microphone, not even with the camera', () => {
    expect(mediaPermitted(camera('app://kiosk', ['audio']), 'app://kiosk', true)).toBe(false);
    expect(mediaPermitted(camera('app://kiosk', ['video', 'audio']), 'app://kiosk', true)).toBe(false);
    // a request that does not say what it wants is not the camera
    expect(mediaPermitted(camera('app://kiosk', []), 'app://kiosk', true)).toBe(false);
    expect(
      mediaPermitted({ permission: 'media', origin: 'app://kiosk', mediaTypes: undefined }, 'app://kiosk', true),
    ).toBe(false);
  });

  it('no other permission, however open the camera is', () => {
    for (const permission of ['display-capture', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'usb']) {
      expect(mediaPermitted({ permission, origin: 'app://kiosk', mediaTypes: ['video'] }, 'app://kiosk', true)).toBe(
        false,
      );
    }
  });

  it('no other origin: another scheme, host or port, look-alikes, credentials, nothing', () => {
    for (const origin of [
      'app://kiosk.evil',
      'app://evil',
      'https://kiosk',
      'file:///index.html',
      'http://127.0.0.1:41235',
      'http://localhost:41234',
      'https://127.0.0.1:41234',
      'http://user:pw@127.0.0.1:41234',
      'null',
      '',
      null,
    ]) {
      expect(
        mediaPermitted(camera(origin), origin?.startsWith('app') ? 'app://kiosk' : HOST, true),
        origin ?? 'null',
      ).toBe(false);
    }
  });
});

function service(camera: Record<string, unknown> = { enabled: true }) {
  const world = attachmentWorld(attachmentFlow());
  const s = createAttachmentService({
    config: attachmentsConfigSchema.parse({ camera }),
    scanner: null,
    flows: () => world.flows,
    visit: world.visit,
    logger: world.logger,
    author: 'Provkommun',
  });
  return { ...world, s, h: s.handlers };
}

const intyg = { flowId: 'bilagor', fieldId: 'intyg' };

describe('the camera in the attachment service', () => {
  it('is open only between openCamera and closeCamera, for the visit that opened it', async () => {
    const { s, h, visit } = service();
    expect(s.cameraOpen()).toBe(false);
    await h['attachments.openCamera'](intyg);
    expect(s.cameraOpen()).toBe(true);
    await h['attachments.closeCamera']({});
    expect(s.cameraOpen()).toBe(false);

    await h['attachments.openCamera'](intyg);
    await visit.reset('inactivity');
    expect(s.cameraOpen()).toBe(false);
  });

  it('a photographed page joins the attachment like a scanned one; its PDF page is A4', async () => {
    const { s, h, flow } = service();
    await h['attachments.openCamera'](intyg);
    const first = await h['attachments.capture']({ ...intyg, image, cropped: true });
    expect(first.pages).toBe(1);
    expect(first.page.image).toBe(image);
    const second = await h['attachments.capture']({
      ...intyg,
      attachmentId: first.attachmentId,
      image,
      cropped: false,
    });
    expect(second).toMatchObject({ attachmentId: first.attachmentId, pages: 2 });
    await h['attachments.rotate']({ attachmentId: first.attachmentId, pageId: second.page.id });
    expect(s.summaries(flow.id)).toEqual([{ id: first.attachmentId, fieldId: 'intyg', pages: 2 }]);
    const [file] = await s.documents(flow, { intyg: [first.attachmentId] }, 'K7-4F9Q-2');
    expect(file).toMatchObject({ kind: 'attachment', name: `bilaga-${first.attachmentId}.pdf` });
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.load(file!.bytes);
    expect(pdf.getPageCount()).toBe(2);
    const { width, height } = pdf.getPage(0).getSize();
    // the page is the picture at the resolution that makes it A4 (photoDpi), not one point per pixel
    const size = jpegSize(jpeg)!;
    const dpi = photoDpi(size.width, size.height);
    expect(width).toBeCloseTo((size.width / dpi) * 72, 1);
    expect(height).toBeCloseTo((size.height / dpi) * 72, 1);
  });

  it('refuses a page when the camera is not open (closed, never opened, or opened in an earlier visit)', async () => {
    const { h, visit } = service();
    expect(await failure(h['attachments.capture']({ ...intyg, image, cropped: true }))).toEqual({
      code: 'forbidden',
      reason: 'camera_closed',
    });
    await h['attachments.openCamera'](intyg);
    await visit.reset('cancelled');
    expect((await failure(h['attachments.capture']({ ...intyg, image, cropped: true }))).reason).toBe('camera_closed');
  });

  it('a kiosk without a camera, the paper route and the field’s limits refuse to open it', async () => {
    expect(await failure(service({ enabled: false }).h['attachments.openCamera'](intyg))).toEqual({
      code: 'unavailable',
      reason: 'no_camera',
    });
    const paper = service();
    paper.visit.state.paperRoute = { reason: 'no_bankid' };
    expect((await failure(paper.h['attachments.openCamera'](intyg))).reason).toBe('paper_route');
    expect(paper.s.cameraOpen()).toBe(false);

    const { h, s } = service();
    await h['attachments.openCamera'](intyg);
    let id: string | undefined;
    for (let i = 0; i < 3; i += 1)
      id = (await h['attachments.capture']({ ...intyg, ...(id ? { attachmentId: id } : {}), image, cropped: true }))
        .attachmentId;
    await h['attachments.closeCamera']({});
    expect((await failure(h['attachments.openCamera']({ ...intyg, attachmentId: id! }))).reason).toBe('too_many_pages');
    expect(s.cameraOpen()).toBe(false);
  });

  it('refuses what is not a JPEG, and wipes it', async () => {
    const { h } = service();
    await h['attachments.openCamera'](intyg);
    const notJpeg = `data:image/jpeg;base64,${Buffer.from('<svg/>').toString('base64')}`;
    expect((await failure(h['attachments.capture']({ ...intyg, image: notJpeg, cropped: true }))).code).toBe(
      'invalid_input',
    );
  });

  it('photoDpi makes a photographed page A4, upright or lying', () => {
    expect(photoDpi(1240, 1754)).toBe(150);
    expect(photoDpi(1754, 1240)).toBe(150);
    // a square picture: its long side reaches A4's short side first
    expect(photoDpi(1000, 1000)).toBe(121);
    expect(photoDpi(10, 10)).toBe(10);
    // a 640 × 480 camera's page of 240 × 340 pixels is still an A4 page (at 29 dpi)
    expect(photoDpi(240, 340)).toBe(29);
  });
});

describe('the camera’s state for staff and check-config', () => {
  /** A made /sys/class/video4linux: one folder per node with its name file. */
  function sysfs(nodes: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'v4l-'));
    for (const [node, name] of Object.entries(nodes)) {
      mkdirSync(path.join(dir, node));
      writeFileSync(path.join(dir, node, 'name'), `${name}\n`);
    }
    return dir;
  }

  it('lists the kernel’s video devices once per name; none, or no list at all off Linux', () => {
    const dir = sysfs({ video0: 'CZUR Shine Ultra', video1: 'CZUR Shine Ultra', video2: 'Integrated Webcam' });
    try {
      expect(cameraNames(dir, 'linux')).toEqual(['CZUR Shine Ultra', 'Integrated Webcam']);
      expect(cameraNames(dir, 'win32')).toBeNull();
      expect(cameraNames(path.join(dir, 'missing'), 'linux')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('connectedCamera: the first camera, the one named like deviceLabel, or none', () => {
    const names = ['CZUR Shine Ultra', 'Integrated Webcam'];
    const config = (deviceLabel: string | null) => ({ enabled: true, deviceLabel });
    expect(connectedCamera(config(null), names)).toEqual({ state: 'ready', reason: 'camera: CZUR Shine Ultra' });
    expect(connectedCamera(config('webcam'), names)).toEqual({ state: 'ready', reason: 'camera: Integrated Webcam' });
    expect(connectedCamera(config('Logitech'), names)).toMatchObject({ state: 'no_camera' });
    expect(connectedCamera(config('Logitech'), names).reason).toContain('CZUR Shine Ultra, Integrated Webcam');
    expect(connectedCamera(config(null), [])).toMatchObject({ state: 'no_camera' });
    expect(connectedCamera(config(null), null).state).toBe('ready');
  });

  it('the health check warns (never fails) with the visitor screen’s last camera error until a camera works again', async () => {
    const { s, h } = service();
    expect(s.cameraState(['Webcam'])).toEqual({ state: 'ready', reason: 'camera: Webcam' });
    expect(cameraHealthCheck(s.cameraState(['Webcam'])!)).toMatchObject({ id: 'camera', ok: true, key: 'camera_ok' });

    await h['attachments.openCamera'](intyg);
    await h['attachments.closeCamera']({ result: 'camera_busy' });
    expect(s.cameraState(['Webcam'])!.state).toBe('camera_busy');
    expect(cameraHealthCheck(s.cameraState(['Webcam'])!)).toMatchObject({
      ok: false,
      severity: 'warn',
      key: 'camera_busy',
    });
    // a camera that is not connected says so first
    expect(cameraHealthCheck(s.cameraState([])!)).toMatchObject({ severity: 'warn', key: 'camera_no_camera' });

    await h['attachments.openCamera'](intyg);
    await h['attachments.closeCamera']({ result: 'on' });
    expect(s.cameraState(['Webcam'])!.state).toBe('ready');

    // no camera offered: no check
    expect(service({ enabled: false }).s.cameraState(['Webcam'])).toBeNull();
  });
});
