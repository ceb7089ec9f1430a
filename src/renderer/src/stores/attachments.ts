import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AttachmentSummary } from '../../../contract/flows';
import type { AttachmentPage } from '../../../contract/namespaces/attachments';

/** An attachment of the visit as the screen shows it: its pages' previews (core holds the pages). */
export interface AttachmentView {
  id: string;
  fieldId: string;
  pages: AttachmentPage[];
}

/**
 * The visit's attachments (bilagor) as previews, and which field the attachment screen is adding to.
 * Only in memory; cleared with the visit, when core wipes the pages too.
 */
export const useAttachmentsStore = defineStore('attachments', () => {
  const list = ref<AttachmentView[]>([]);
  /** The field the attachment screen adds to, and the attachment it is building (null before its first page). */
  const target = ref<{ fieldId: string; attachmentId: string | null } | null>(null);

  const summaries = computed<AttachmentSummary[]>(() =>
    list.value.map((a) => ({ id: a.id, fieldId: a.fieldId, pages: a.pages.length })),
  );

  function find(id: string | null | undefined): AttachmentView | undefined {
    return id ? list.value.find((a) => a.id === id) : undefined;
  }

  function addPage(attachmentId: string, fieldId: string, page: AttachmentPage): void {
    const existing = find(attachmentId);
    if (existing) existing.pages.push(page);
    else list.value.push({ id: attachmentId, fieldId, pages: [page] });
  }

  function setRotation(attachmentId: string, pageId: string, rotation: AttachmentPage['rotation']): void {
    const page = find(attachmentId)?.pages.find((p) => p.id === pageId);
    if (page) page.rotation = rotation;
  }

  function deletePage(attachmentId: string, pageId: string): void {
    const attachment = find(attachmentId);
    if (!attachment) return;
    attachment.pages = attachment.pages.filter((p) => p.id !== pageId);
    if (attachment.pages.length === 0) remove(attachmentId);
  }

  function remove(attachmentId: string): void {
    list.value = list.value.filter((a) => a.id !== attachmentId);
  }

  function open(fieldId: string): void {
    target.value = { fieldId, attachmentId: null };
  }

  return { list, target, summaries, find, addPage, setRotation, deletePage, remove, open };
});
