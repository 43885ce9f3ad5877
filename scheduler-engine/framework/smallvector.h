#pragma once
// A vector that keeps up to N elements in place and moves to the heap only beyond that. The
// victim walk makes hundreds of thousands of one-pod units, each with a one-node list of what
// evicting it frees; a heap allocation for each of those lists was a third of the walk's time.
// For small trivially copyable element types (task indexes, (node, amount) pairs).
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace gpudesk::engine {

template<typename T, std::size_t N>
class SmallVector
{
    static_assert(std::is_trivially_destructible_v<T>, "SmallVector holds plain values");

public:
    SmallVector() = default;
    SmallVector(const SmallVector &other) { assign(other.begin(), other.end()); }
    SmallVector(SmallVector &&other) noexcept { take(other); }
    SmallVector &operator=(const SmallVector &other)
    {
        if (this != &other)
            assign(other.begin(), other.end());
        return *this;
    }
    SmallVector &operator=(SmallVector &&other) noexcept
    {
        if (this != &other)
            take(other);
        return *this;
    }

    template<typename It>
    void assign(It first, It last)
    {
        clear();
        for (; first != last; ++first)
            push_back(*first);
    }
    void push_back(const T &value)
    {
        if (!m_onHeap) {
            if (m_size < N) {
                m_inline[m_size++] = value;
                return;
            }
            m_heap.assign(m_inline, m_inline + m_size);
            m_onHeap = true;
        }
        m_heap.push_back(value);
        ++m_size;
    }
    template<typename... Args>
    void emplace_back(Args &&...args)
    {
        push_back(T(std::forward<Args>(args)...));
    }
    void clear()
    {
        m_size = 0;
        m_heap.clear();
        m_onHeap = false;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T *data() { return m_onHeap ? m_heap.data() : m_inline; }
    const T *data() const { return m_onHeap ? m_heap.data() : m_inline; }
    T *begin() { return data(); }
    T *end() { return data() + m_size; }
    const T *begin() const { return data(); }
    const T *end() const { return data() + m_size; }
    const T &front() const { return data()[0]; }
    const T &back() const { return data()[m_size - 1]; }
    const T &operator[](std::size_t i) const { return data()[i]; }
    operator std::span<const T>() const { return {data(), m_size}; }

private:
    void take(SmallVector &other)
    {
        m_size = other.m_size;
        m_onHeap = other.m_onHeap;
        if (m_onHeap) {
            m_heap = std::move(other.m_heap);
        } else {
            m_heap.clear();
            for (std::size_t i = 0; i < m_size; ++i)
                m_inline[i] = other.m_inline[i];
        }
        other.clear();
    }

    T m_inline[N] {};
    std::vector<T> m_heap;
    std::size_t m_size = 0;
    bool m_onHeap = false;
};

} // namespace gpudesk::engine
