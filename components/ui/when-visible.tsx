"use client";
/**
 * Renders `children` only once its place on the page is (nearly) on screen; `placeholder` until then.
 * Heavy client parts (Monaco: ~900 KB gzip) go behind it so their code is fetched only when a person
 * can see them: a closed tab or a collapsed section (display: none) never intersects, and the server
 * render never contains `children`, so Next does not preload their chunks either. Once shown, the
 * children stay mounted (scrolling away does not unmount an editor and lose its state).
 *
 * That waiting is for what the page arrives with. A WhenVisible added later, because the person
 * opened something (a method, a model, a tab), shows its children at once: they asked for them, and
 * the editors of an opened method are laid out below the fold, where waiting would only delay them.
 */
import { type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from "react";

const subscribeToNothing = () => () => undefined;

/**
 * True when this component is rendered as part of the page's hydration (it was in the server's
 * HTML): React reads the server snapshot then, and the client snapshot for components mounted later.
 */
function useArrivedWithPage(): boolean {
  const hydrating = useSyncExternalStore(
    subscribeToNothing,
    () => false,
    () => true,
  );
  const [arrivedWithPage] = useState(hydrating);
  return arrivedWithPage;
}

export interface WhenVisibleProps {
  children: ReactNode;
  /** Shown until the place scrolls into view; give it the children's size so nothing jumps. */
  placeholder: ReactNode;
  /** How far outside the viewport counts as visible (CSS margin syntax): starts the load a little early. */
  rootMargin?: string;
}

export function WhenVisible({ children, placeholder, rootMargin = "200px" }: WhenVisibleProps) {
  const ref = useRef<HTMLDivElement>(null);
  const arrivedWithPage = useArrivedWithPage();
  const [visible, setVisible] = useState(!arrivedWithPage);
  useEffect(() => {
    const element = ref.current;
    if (visible || !element) return;
    // No observer (very old browsers, some test environments): show at once rather than never.
    if (typeof IntersectionObserver === "undefined") {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          setVisible(true);
        }
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible, rootMargin]);
  if (visible) return <>{children}</>;
  return (
    <div ref={ref} data-when-visible="waiting">
      {placeholder}
    </div>
  );
}
