// Saving a file from an extension page: a Blob URL and a temporary <a download>, the way the
// browser's own download UI expects (no `downloads` permission needed).
export type SaveFile = (fileName: string, text: string, mimeType: string) => void;

export function saveFileFromPage(doc: Document = document): SaveFile {
  return (fileName, text, mimeType) => {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    doc.body.append(link);
    link.click();
    link.remove();
    // The download has started from the click; the URL is only needed until then.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
}
