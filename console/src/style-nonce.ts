// antd's helper library (rc-util) adds a few <style> elements of its own without the nonce that
// ConfigProvider gives antd's other styles: the Table measures the scrollbar on every mount, a Modal
// locks the page's scrolling. The CSP blocks them (a console error each, and a Modal would leave the
// page scrollable). Every <style> element the console's own scripts create gets the page's nonce:
// no weaker than before, since any script running here could read the nonce from the meta tag.

const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

if (nonce) {
  const createElement = document.createElement.bind(document);
  document.createElement = function (tagName: string, options?: ElementCreationOptions) {
    const element = createElement(tagName, options);
    if (element instanceof HTMLStyleElement && !element.nonce) element.nonce = nonce;
    return element;
  } as typeof document.createElement;
}

export {};
