/** A speech bubble: the mark of comments wherever they are counted (decorative; text says the rest). */
export function CommentIcon({ size = 12 }: { size?: number }) {
  return (
    <svg className="comment-icon" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d="M2.5 2h11A1.5 1.5 0 0 1 15 3.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.6 2.7a.5.5 0 0 1-.8-.4V12h-.1A1.5 1.5 0 0 1 1 10.5v-7A1.5 1.5 0 0 1 2.5 2Z"
        fill="currentColor"
      />
    </svg>
  );
}
